#!/usr/bin/env python3
"""Write the demo customer emails scripts/demo-mail/NN-*.eml (raw RFC 5322 / MIME, CRLF).

Usage: scripts/demo-mail/generate.py [--check]

The output is deterministic (fixed dates, Message-IDs derived from the file name, no clock, no
randomness), so running it again reproduces the committed files byte for byte; `--check` only
compares and exits 1 when a file differs or is missing. Python 3 standard library only. The shop
("Larkwood", support@shop.example), the customers and every text are invented for the demo; the
PDF and PNG attachments are tiny synthetic files built here.
"""

import base64
import hashlib
import quopri
import struct
import sys
import textwrap
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent
SUPPORT = "Larkwood Support <support@shop.example>"
MX = "mx.shop.example"


# ---------------------------------------------------------------------------------------------
# MIME helpers


def wrap(text: str, width: int = 72) -> str:
    """Wrap each paragraph to `width` columns; lines starting with '>' or '|' and short lines stay."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith((">", "|", " ")):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def crlf(data: bytes) -> bytes:
    """Normalise every line ending to CRLF."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def encoded_words(text: str, mode: str = "B", charset: str = "UTF-8") -> str:
    """RFC 2047 encoded words for `text`, each at most 75 characters, never splitting a character."""
    words, chunk = [], ""

    def encode(piece: str) -> str:
        raw = piece.encode(charset)
        if mode == "B":
            payload = base64.b64encode(raw).decode("ascii")
        else:
            payload = "".join(
                "_" if byte == 0x20 else chr(byte) if byte < 0x80 and chr(byte).isalnum() else f"={byte:02X}"
                for byte in raw
            )
        return f"=?{charset}?{mode}?{payload}?="

    for char in text:
        if chunk and len(encode(chunk + char)) > 75:
            words.append(encode(chunk))
            chunk = ""
        chunk += char
    if chunk:
        words.append(encode(chunk))
    return "\r\n ".join(words)


def text_part(text: str, charset: str = "utf-8", cte: str = "8bit", subtype: str = "plain",
              params: str = "") -> bytes:
    """One text/* entity (headers + body) with the body in `charset` and transfer encoding `cte`."""
    raw = text.encode(charset)
    if cte == "quoted-printable":
        body = crlf(quopri.encodestring(raw.replace(b"\r\n", b"\n")))
    elif cte == "base64":
        body = crlf(base64.encodebytes(crlf(raw)))
    else:
        body = crlf(raw)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    head = f"Content-Type: text/{subtype}; charset=\"{charset}\"{params}\r\n"
    head += f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    return head.encode("ascii") + body


def binary_part(data: bytes, content_type: str, filename: str, disposition: str = "attachment") -> bytes:
    """One base64 attachment entity."""
    head = (
        f"Content-Type: {content_type}; name=\"{filename}\"\r\n"
        f"Content-Disposition: {disposition}; filename=\"{filename}\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode("ascii") + crlf(base64.encodebytes(data))


def multipart(subtype: str, boundary: str, parts: list, params: str = "", preamble: str = "") -> bytes:
    """A multipart/* entity: Content-Type header, blank line, the parts between boundaries."""
    head = f"Content-Type: multipart/{subtype};{params} boundary=\"{boundary}\"\r\n\r\n"
    body = preamble.encode("ascii") + (b"\r\n" if preamble else b"")
    for part in parts:
        body += f"--{boundary}\r\n".encode("ascii") + part
        if not part.endswith(b"\r\n"):
            body += b"\r\n"
    body += f"--{boundary}--\r\n".encode("ascii")
    return head.encode("ascii") + body


def message_id(name: str, domain: str, style: str = "plain") -> str:
    """A Message-ID unique per file, shaped like the sending client's (derived from the name)."""
    digest = hashlib.sha256(name.encode()).hexdigest()
    if style == "gmail":
        return f"<CAK{digest[:10]}{digest[30:44].upper()}=Q{digest[10:18]}@mail.{domain}>"
    if style == "outlook":
        return f"<{digest[:8].upper()}{digest[8:40].upper()}@{domain}>"
    if style == "thunderbird":
        return f"<{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}@{domain}>"
    return f"<{digest[:16]}.{digest[16:24]}@{domain}>"


def auth_results(domain: str, dmarc: str = "pass") -> str:
    """The Authentication-Results header the receiving MX adds."""
    if dmarc == "pass":
        return (f"{MX}; spf=pass smtp.mailfrom={domain};\r\n dkim=pass header.d={domain};"
                f" dmarc=pass header.from={domain}")
    return (f"{MX}; spf=fail smtp.mailfrom={domain};\r\n dkim=none;"
            f" dmarc=fail (p=reject) header.from={domain}")


def build(name: str, headers: list, entity: bytes, mime: bool = True) -> bytes:
    """Top-level headers (name, value) followed by the entity (its own headers, blank line, body)."""
    out = b""
    for field, value in headers:
        out += f"{field}: {value}\r\n".encode("ascii")
    if mime:
        out += b"MIME-Version: 1.0\r\n"
    return out + entity


def envelope(name: str, sender: str, address: str, subject: str, date: str, style: str = "plain",
             dmarc: str = "pass", extra: list = ()) -> list:
    """The usual header block of a customer mail as it sits in the support mailbox."""
    domain = address.split("@", 1)[1]
    return [
        ("Return-Path", f"<{address}>"),
        ("Authentication-Results", auth_results(domain, dmarc)),
        ("Date", date),
        ("From", sender),
        ("To", SUPPORT),
        ("Subject", subject),
        ("Message-ID", message_id(name, domain, style)),
        *extra,
    ]


# ---------------------------------------------------------------------------------------------
# Synthetic attachments


def tiny_pdf(line: str) -> bytes:
    """A valid one-page PDF that shows one line of text (xref offsets computed)."""
    stream = f"BT /F1 11 Tf 20 60 Td ({line}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 120] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return pdf


def tiny_png(width: int = 24, height: int = 16) -> bytes:
    """A small RGB PNG: a pale mug-coloured field with a dark diagonal 'crack'."""
    rows = b""
    for y in range(height):
        row = b"\x00"
        for x in range(width):
            crack = abs(x - (y * width) // height - 2) <= 0
            row += b"\x30\x30\x38" if crack else b"\xe8\xe0\xd0"
        rows += row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(
        b"IEND", b"")


# ---------------------------------------------------------------------------------------------
# Ordinary customer requests, English


def m01():
    name = "01-track-order-plain-ascii"
    body = wrap(
        "Hi,\n\n"
        "I ordered a Lumen desk lamp on 24 February (order #A10-48213) and the tracking page has "
        "said \"label created\" for six days now. Where is my order? Has it actually left your "
        "warehouse?\n\n"
        "Thanks,\nOlivia Bennett\n"
    )
    headers = envelope(name, "Olivia Bennett <olivia.bennett@example.com>", "olivia.bennett@example.com",
                       "Where is my order #A10-48213?", "Mon, 3 Mar 2025 08:14:09 +0000")
    return name, build(name, headers, b"\r\n" + crlf(body.encode("ascii")), mime=False)


def m02():
    name = "02-delivery-options-quoted-printable"
    body = (
        "Hello Larkwood team,\n\n"
        "I'd like to order the Nordby three-seater sofa (149\u00a0kg according to the product page) "
        "but I live on the fourth floor without a lift in Troms\u00f8, Norway. Which delivery options "
        "do you offer for bulky items to Norway? Is there a two-person delivery that carries it "
        "upstairs, or can I collect it from a depot?\n\n"
        "Best regards,\nIngvild Haugen\n"
    )
    headers = envelope(name, "Ingvild Haugen <ingvild.haugen@example.net>", "ingvild.haugen@example.net",
                       "Delivery options for a sofa to Norway?", "Mon, 3 Mar 2025 09:02:44 +0100")
    return name, build(name, headers, text_part(body, cte="quoted-printable"))


def m03():
    name = "03-refund-policy-multipart-alternative"
    plain = (
        "Hi there,\n\n"
        "I'm thinking of buying the PixelBeam mini projector as a birthday present for my brother. "
        "If he doesn't like it, can it be returned for a full refund even if the box has been "
        "opened? And how many days do we have?\n\n"
        "Thanks!\nMarcus\n"
    )
    html = (
        "<div dir=\"ltr\"><div>Hi there,</div><div><br></div><div>I&#39;m thinking of buying the "
        "<b>PixelBeam mini projector</b> as a birthday present for my brother. If he doesn&#39;t like "
        "it, can it be returned for a full refund even if the box has been opened? And how many days "
        "do we have?</div><div><br></div><div>Thanks!</div><div>Marcus</div></div>\n"
    )
    entity = multipart("alternative", "000000000000c0ffee0603a1b2c3d4", [
        text_part(plain, cte="quoted-printable"),
        text_part(html, cte="quoted-printable", subtype="html"),
    ])
    headers = envelope(name, "Marcus Reed <marcus.reed@example.org>", "marcus.reed@example.org",
                       "Returns for a gift?", "Mon, 3 Mar 2025 11:37:20 +0000", style="gmail")
    return name, build(name, headers, entity)


def m04():
    name = "04-payment-methods-html-only"
    html = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
        "<body style=\"font-family: Calibri, sans-serif\">\n"
        "<p>Good afternoon,</p>\n"
        "<p>before I place a larger order for our holiday flat (bed linen, towels, a few lamps, around "
        "&euro;900 in total) I would like to know <strong>which payment methods you accept</strong>. "
        "Can I pay by bank transfer or on invoice, or only by card and PayPal?</p>\n"
        "<p>Kind regards,<br>Rosa Lindgren</p>\n"
        "</body></html>\n"
    )
    headers = envelope(name, "Rosa Lindgren <rosa.lindgren@mail.example>", "rosa.lindgren@mail.example",
                       "Payment question before ordering", "Mon, 3 Mar 2025 14:05:51 +0100",
                       style="outlook")
    return name, build(name, headers, text_part(html, cte="quoted-printable", subtype="html"))


def m05():
    name = "05-invoice-request-pdf-attachment"
    plain = wrap(
        "Hello,\n\n"
        "our office ordered four desk chairs last week (order #A10-61930, confirmation attached). "
        "For our bookkeeping we need a proper VAT invoice in the company name:\n\n"
        "  Novak Interiors s.r.o.\n  VAT ID CZ12345678\n  Vinohradsk\u00e1 12, 120 00 Praha 2\n\n"
        "Could you please send it to this address?\n\n"
        "Best regards,\nJana Novak\n"
    )
    entity = multipart("mixed", "----=_Part_7731_20250303.1741012345", [
        text_part(plain),
        binary_part(tiny_pdf("Larkwood order confirmation A10-61930 - 4 x Arbor desk chair"),
                    "application/pdf", "order-confirmation-A10-61930.pdf"),
    ])
    headers = envelope(name, "Jana Novak <jana.novak@example.org>", "jana.novak@example.org",
                       "Invoice for order #A10-61930 (company name)", "Tue, 4 Mar 2025 08:48:03 +0100")
    return name, build(name, headers, entity)


def m06():
    name = "06-refund-damaged-item-png-attachment"
    plain = wrap(
        "Hi,\n\n"
        "the set of six Harbour mugs from order 4471-2290 arrived today and two of them are cracked "
        "(photo attached). I don't want replacements, I'd just like my money back for the two broken "
        "mugs, 2 x 12.90 EUR.\n\n"
        "Thanks,\nTom Fischer\n"
    )
    entity = multipart("mixed", "Apple-Mail=_5B2D1E07-3C44-4A8E-9E51-0D1C2B3A4F56", [
        text_part(plain, charset="us-ascii", cte="7bit"),
        binary_part(tiny_png(), "image/png", "cracked-mugs.png", disposition="inline"),
    ])
    headers = envelope(name, "Tom Fischer <tom.fischer@example.com>", "tom.fischer@example.com",
                       "Two mugs arrived broken - refund please", "Tue, 4 Mar 2025 18:20:37 +0000")
    return name, build(name, headers, entity)


def m07():
    name = "07-bulk-order-with-signature"
    plain = wrap(
        "Dear Larkwood team,\n\n"
        "we are opening a second guesthouse in May and would like to order 40 Haven bath towel sets "
        "(white, item BT-220) and 20 linen duvet covers (200x220, sand). How do we place an order "
        "of that size, and is there a volume price?\n\n"
        "Kind regards,\nDana Keller\n"
        "-- \n"
        "Dana Keller\n"
        "Owner, Keller Guesthouses\n"
        "Seestrasse 8, 8800 Thalwil\n"
        "+41 44 555 01 23 | www.keller-guesthouses.example\n"
        "\n"
        "This e-mail may contain confidential information. If you are not the intended recipient, "
        "please delete it and notify the sender.\n"
    )
    headers = envelope(name, "Dana Keller <dana@example.net>", "dana@example.net",
                       "Order of 40 towel sets", "Tue, 4 Mar 2025 10:02:15 +0100", style="thunderbird")
    return name, build(name, headers, text_part(plain, cte="7bit", charset="us-ascii"))


def m08():
    name = "08-reply-gmail-quoted-payment-methods"
    earlier = "<reply.3f1c9a7e20.a10-50871@shop.example>"
    plain = (
        "Thanks for the quick answer, the parcel arrived this morning!\n\n"
        "One question for next time: can I pay by bank transfer, or do you only accept cards and "
        "PayPal? I'd rather not use my credit card online.\n\n"
        "Best,\nHannah\n\n"
        "On Mon, 3 Mar 2025 at 16:41, Larkwood Support <support@shop.example> wrote:\n\n"
        "> Hello Hannah,\n>\n"
        "> your order #A10-50871 was handed to the courier yesterday. You can follow it here:\n"
        "> https://shop.example/track/A10-50871\n>\n"
        "> Kind regards,\n> Larkwood Support\n"
    )
    html = (
        "<div dir=\"ltr\"><div>Thanks for the quick answer, the parcel arrived this morning!</div>"
        "<div><br></div><div>One question for next time: can I pay by bank transfer, or do you only "
        "accept cards and PayPal? I&#39;d rather not use my credit card online.</div><div><br></div>"
        "<div>Best,</div><div>Hannah</div></div><br><div class=\"gmail_quote\"><div dir=\"ltr\" "
        "class=\"gmail_attr\">On Mon, 3 Mar 2025 at 16:41, Larkwood Support &lt;<a href=\"mailto:"
        "support@shop.example\">support@shop.example</a>&gt; wrote:<br></div><blockquote "
        "class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);"
        "padding-left:1ex\">Hello Hannah,<br><br>your order #A10-50871 was handed to the courier "
        "yesterday. You can follow it here:<br><a href=\"https://shop.example/track/A10-50871\">"
        "https://shop.example/track/A10-50871</a><br><br>Kind regards,<br>Larkwood Support<br>"
        "</blockquote></div>\n"
    )
    entity = multipart("alternative", "000000000000b2a1f00605d9e8f7a6", [
        text_part(plain, cte="quoted-printable"),
        text_part(html, cte="quoted-printable", subtype="html"),
    ])
    headers = envelope(name, "Hannah Price <hannah.price@example.com>", "hannah.price@example.com",
                       "Re: Your order #A10-50871", "Tue, 4 Mar 2025 07:55:02 +0000", style="gmail",
                       extra=[("In-Reply-To", earlier), ("References", earlier)])
    return name, build(name, headers, entity)


def m09():
    name = "09-reply-outlook-original-message-invoice"
    earlier = "<reply.91b0d4c2e7.inv-4502-7781@shop.example>"
    plain = (
        "Hello,\n\n"
        "thank you for the invoice. However, it shows our old VAT number (GB123 4567 89); our "
        "current one is GB987 6543 21, and the delivery charge of 39.00 GBP appears twice although "
        "we paid it once. Could you check the invoice and let me know?\n\n"
        "Best regards\n"
        "Kevin Marsh\n"
        "Office Manager | Marsh & Co. Interiors\n\n"
        "-----Original Message-----\n"
        "From: Larkwood Support <support@shop.example>\n"
        "Sent: Monday, March 3, 2025 4:41 PM\n"
        "To: Kevin Marsh <kevin.marsh@example.net>\n"
        "Subject: Your invoice for order 4502-7781\n\n"
        "Hello Kevin,\n\n"
        "please find the invoice for order 4502-7781 in your account under Orders > Invoices.\n\n"
        "Kind regards,\n"
        "Larkwood Support\n"
    )
    headers = envelope(
        name, "Kevin Marsh <kevin.marsh@example.net>", "kevin.marsh@example.net",
        "RE: Your invoice for order 4502-7781", "Tue, 4 Mar 2025 09:12:40 +0000", style="outlook",
        extra=[("In-Reply-To", earlier), ("References", earlier),
               ("Thread-Topic", "Your invoice for order 4502-7781"),
               ("Thread-Index", "AdmMzH1c2s4xQk9lTz2f7w0aB3C5dQ=="),
               ("Content-Language", "en-GB")])
    return name, build(name, headers, text_part(plain, charset="us-ascii", cte="quoted-printable"))


def simple(name, sender, address, subject, date, body, style="plain", charset="utf-8", cte="8bit"):
    """A single-part text/plain customer mail."""
    headers = envelope(name, sender, address, subject, date, style=style)
    return name, build(name, headers, text_part(wrap(body), charset=charset, cte=cte))


def m10():
    return simple(
        "10-edit-account-email-address", "Paul Hansen <paul.hansen@example.com>",
        "paul.hansen@example.com", "Change the email address on my account",
        "Tue, 4 Mar 2025 12:30:00 +0100",
        "Hello,\n\nI changed my email provider. Could you please update the email address of my "
        "customer account from p.h@example.net to paul.hansen@example.com? The profile page gives "
        "me \"something went wrong\" when I try to save it myself.\n\nKind regards,\nPaul Hansen\n",
        style="thunderbird")


def m11():
    return simple(
        "11-switch-account-to-business", "Robert Alvarez <robert@alvarez-design.example>",
        "robert@alvarez-design.example", "Personal account -> business account",
        "Tue, 4 Mar 2025 15:45:12 -0500",
        "Hi,\n\nI currently have a personal Larkwood account but I'm now buying for my studio. Can I "
        "switch it to a business account so the invoices show the company details, without losing "
        "my order history and my Gold points?\n\nThanks,\nRobert\n")


def m12():
    return simple(
        "12-set-up-second-shipping-address", "Kirsten Moll <kirsten.moll@example.org>",
        "kirsten.moll@example.org", "Adding a second delivery address",
        "Wed, 5 Mar 2025 07:31:45 +0100",
        "Hello,\n\nI'd like to add our holiday cottage as a second shipping address in my account so "
        "I can pick it at checkout next time. When I click \"Add address\" nothing happens (Firefox "
        "and the app). How can I set it up?\n\nThanks,\nKirsten\n")


def m13():
    return simple(
        "13-registration-problem", "Anders Berg <anders.berg@example.net>", "anders.berg@example.net",
        "Can't sign up", "Wed, 5 Mar 2025 09:10:33 +0100",
        "hi, i've been trying to register for two days. after filling in everything i get "
        "\"Something went wrong (code 500)\" and no confirmation email. tried chrome and firefox. "
        "can you check?\nanders\n", charset="us-ascii", cte="7bit")


def m14():
    return simple(
        "14-wants-a-human-agent", "Clara Weiss <clara.weiss@example.com>", "clara.weiss@example.com",
        "I want to talk to a real person", "Wed, 5 Mar 2025 10:22:18 +0000",
        "Hello,\n\nI have had three automatic replies now and none of them answered my question about "
        "the warranty on my vacuum cleaner. Could a real person please read this and call me back on "
        "+44 161 496 0123?\n\nThanks,\nClara Weiss\n")


def m15():
    return simple(
        "15-review-feedback", "Giulia Romano <giulia.romano@example.org>", "giulia.romano@example.org",
        "Lovely skillet - where can I leave a review?", "Wed, 5 Mar 2025 19:03:57 +0100",
        "Dear Larkwood,\n\nI bought the cast iron skillet last month and I love it. I'd like to write "
        "a review with a photo for other customers, but the review button doesn't appear on the "
        "product page for me. Where can I leave my feedback?\n\nKind regards,\nGiulia\n")


def m16():
    return simple(
        "16-cancel-order", "Jonas Keller <jonas.keller@example.com>", "jonas.keller@example.com",
        "Please cancel order 4501-7742", "Thu, 6 Mar 2025 08:01:26 +0100",
        "Dear support team,\n\nI ordered a smart kettle on 3 March (order 4501-7742) but the "
        "estimated delivery is now three weeks away. Please cancel the order before it ships and "
        "confirm by email.\n\nBest,\nJonas\n")


# ---------------------------------------------------------------------------------------------
# Ordinary customer requests, other languages


def m17():
    return simple(
        "17-fr-newsletter-unsubscribe", "Odile Mercier <odile.mercier@example.net>",
        "odile.mercier@example.net", encoded_words("Désinscription de la newsletter", "Q"),
        "Thu, 6 Mar 2025 09:14:02 +0100",
        "Bonjour,\n\nje reçois votre newsletter trois fois par semaine et c'est beaucoup trop. Merci "
        "de me désabonner de toutes vos lettres d'information ; je souhaite seulement recevoir les "
        "e-mails concernant mes commandes.\n\nCordialement,\nOdile Mercier\n")


def m18():
    name = "18-de-password-rfc2047-subject-and-from"
    sender = encoded_words("Jürgen Weiß", "Q") + " <juergen.weiss@example.org>"
    subject = encoded_words("Passwort vergessen – Anmeldung nicht möglich", "B")
    body = wrap(
        "Hallo,\n\n"
        "ich habe mein Passwort vergessen und der Link zum Zurücksetzen kommt nicht an (auch nicht "
        "im Spam-Ordner). Ich möchte mich einloggen, um meine Bestellung zu verfolgen. Können Sie mir "
        "bitte helfen?\n\n"
        "Viele Grüße\nJürgen Weiß\n"
    )
    headers = envelope(name, sender, "juergen.weiss@example.org", subject,
                       "Thu, 6 Mar 2025 10:41:19 +0100", style="thunderbird")
    return name, build(name, headers, text_part(body))


def m19():
    name = "19-de-change-address-iso-8859-1"
    body = wrap(
        "Guten Tag,\n\n"
        "in meiner Bestellung #A11-20455 ist die Lieferadresse falsch: Die Straße heißt "
        "„Lindenstraße 4“, nicht „Lindenstr. 40“. Das Paket ist laut Ihrer Seite noch nicht "
        "verschickt. Könnten Sie die Adresse bitte ändern?\n\n"
        "Mit freundlichen Grüßen\nUlrike Böhm\n"
    ).replace("„", "\u00bb").replace("“", "\u00ab")
    headers = envelope(name, "Ulrike Boehm <ulrike.boehm@example.com>", "ulrike.boehm@example.com",
                       "Lieferadresse korrigieren, Bestellung #A11-20455", "Thu, 6 Mar 2025 11:05:48 +0100")
    return name, build(name, headers, text_part(body, charset="iso-8859-1", cte="quoted-printable"))


def m20():
    name = "20-de-delivery-period-windows-1252"
    body = wrap(
        "Hallo Larkwood-Team,\n\n"
        "ich möchte den Nordby-Esstisch (1.249 € laut Shop) für unsere neue Wohnung bestellen. Bei "
        "dem Tisch steht „Lieferzeit 4–6 Wochen“. Wie lange dauert die Lieferung nach Österreich "
        "wirklich? Wir ziehen am 15. April ein.\n\n"
        "Danke und Gruß\nMichael Berger\n"
    )
    headers = envelope(name, "Michael Berger <michael.berger@mail.example>", "michael.berger@mail.example",
                       "Lieferzeit Esstisch nach Wien", "Thu, 6 Mar 2025 13:27:10 +0100", style="outlook")
    return name, build(name, headers, text_part(body, charset="windows-1252", cte="8bit"))


def m21():
    name = "21-fr-cancellation-fee-base64"
    body = wrap(
        "Bonjour,\n\n"
        "j'ai commandé des rideaux sur mesure (commande 4490-7781, 289 €). Avant d'annuler, "
        "j'aimerais savoir s'il y a des frais d'annulation pour une commande sur mesure, et combien "
        "je serais remboursée.\n\n"
        "Merci d'avance,\nClaire Dubois\n"
    )
    headers = envelope(name, "Claire Dubois <claire.dubois@example.org>", "claire.dubois@example.org",
                       encoded_words("Frais d'annulation ?", "Q"), "Thu, 6 Mar 2025 15:52:31 +0100",
                       style="gmail")
    return name, build(name, headers, text_part(body, cte="base64"))


def m22():
    name = "22-fr-track-refund-quoted-printable"
    body = wrap(
        "Bonjour,\n\n"
        "votre collègue m'a confirmé le 20 février que je serais remboursé de 59,90 € pour la lampe "
        "retournée (commande #A10-52666). Nous sommes le 7 mars et je n'ai toujours rien reçu sur ma "
        "carte. Où en est mon remboursement ?\n\n"
        "Bien à vous,\nThomas Laurent\n"
    )
    headers = envelope(name, "Thomas Laurent <thomas.laurent@example.net>", "thomas.laurent@example.net",
                       encoded_words("Remboursement toujours pas reçu", "Q"),
                       "Fri, 7 Mar 2025 08:33:14 +0100")
    return name, build(name, headers, text_part(body, cte="quoted-printable"))


def m23():
    name = "23-es-change-order-multipart-alternative"
    plain = (
        "Hola,\n\n"
        "ayer hice el pedido #A10-47730 con una funda nórdica gris de 150 cm. ¿Podrían cambiarla por "
        "la de color azul, misma medida? El resto del pedido está bien.\n\n"
        "Gracias,\nLucía Fernández\n"
    )
    html = (
        "<div>Hola,</div><div><br></div><div>ayer hice el pedido <b>#A10-47730</b> con una funda "
        "nórdica gris de 150&nbsp;cm. ¿Podrían cambiarla por la de color azul, misma medida? El resto "
        "del pedido está bien.</div><div><br></div><div>Gracias,</div><div>Lucía Fernández</div>\n"
    )
    entity = multipart("alternative", "_000_DB9PR0412MB5530A1B2C3D4E5F6_", [
        text_part(plain, cte="quoted-printable"),
        text_part(html, cte="quoted-printable", subtype="html"),
    ])
    headers = envelope(name, encoded_words("Lucía Fernández", "Q") + " <lucia.fernandez@example.com>",
                       "lucia.fernandez@example.com", encoded_words("Cambio en mi pedido #A10-47730", "Q"),
                       "Fri, 7 Mar 2025 10:18:40 +0100", style="outlook")
    return name, build(name, headers, entity)


def m24():
    return simple(
        "24-es-customer-service-hours", "Diego Morales <diego.morales@example.org>",
        "diego.morales@example.org", "Horario de atencion al cliente", "Fri, 7 Mar 2025 11:46:05 +0100",
        "Hola,\n\nno encuentro en la web el teléfono de atención al cliente. ¿Cuál es el número y en "
        "qué horario puedo llamar? Trabajo hasta las seis de la tarde.\n\nGracias,\nDiego\n")


def m25():
    name = "25-it-track-order-iso-8859-1"
    body = wrap(
        "Buongiorno,\n\n"
        "ho ordinato un set di asciugamani il 25 febbraio (ordine #A12-00331) ma non è ancora "
        "arrivato e il tracking non si aggiorna da cinque giorni. Dov'è il mio pacco?\n\n"
        "Grazie mille,\nFrancesca Bellini\n"
    )
    headers = envelope(name, "Francesca Bellini <francesca.bellini@example.net>",
                       "francesca.bellini@example.net", "Dov'e il mio ordine #A12-00331?",
                       "Fri, 7 Mar 2025 12:09:58 +0100")
    return name, build(name, headers, text_part(body, charset="iso-8859-1", cte="8bit"))


def m26():
    name = "26-pt-get-invoice"
    body = wrap(
        "Olá,\n\n"
        "preciso da fatura da minha encomenda 4483-2290 com o meu número de contribuinte "
        "(NIF 123456789) para a contabilidade. Podem enviar-me a fatura por e-mail?\n\n"
        "Obrigado,\nJoão Pereira\n"
    )
    headers = envelope(name, encoded_words("João Pereira", "Q") + " <joao.pereira@example.com>",
                       "joao.pereira@example.com", encoded_words("Fatura da encomenda 4483-2290", "Q"),
                       "Fri, 7 Mar 2025 14:21:36 +0000", style="gmail")
    return name, build(name, headers, text_part(body, cte="quoted-printable"))


def m27():
    name = "27-nl-refund-policy-format-flowed"
    lines = [
        "Hallo,", "",
        "Ik wil graag een matras bij jullie bestellen, maar ik twijfel nog. Wat is ",
        "jullie retourbeleid: kan ik de matras terugsturen en mijn geld terugkrijgen ",
        "als hij na een paar nachten niet bevalt? En wie betaalt de retourkosten?", "",
        "Met vriendelijke groet,", "Noor de Vries", "",
    ]
    headers = envelope(name, "Noor de Vries <noor.devries@example.org>", "noor.devries@example.org",
                       "Vraag over retourbeleid", "Fri, 7 Mar 2025 16:40:12 +0100", style="thunderbird")
    entity = text_part("\n".join(lines), cte="7bit", params="; format=flowed; delsp=no")
    return name, build(name, headers, entity)


# ---------------------------------------------------------------------------------------------
# Machine mail: must never get an automatic answer


def m28():
    name = "28-bounce-dsn-multipart-report"
    original_id = "<reply.5d0e8b1f44.a10-49920@shop.example>"
    human = (
        "This is the mail system at host mx1.example.net.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients. It's attached below.\n\n"
        "For further assistance, please send mail to postmaster.\n\n"
        "                   The mail system\n\n"
        "<peter.holm@example.net>: host mx1.example.net[192.0.2.25] said: 550 5.1.1\n"
        "    <peter.holm@example.net>: Recipient address rejected: User unknown in\n"
        "    virtual mailbox table (in reply to RCPT TO command)\n"
    )
    status = (
        "Reporting-MTA: dns; mx1.example.net\n"
        "X-Postfix-Queue-ID: 4Z7kQ52mHvz9sWb\n"
        "X-Postfix-Sender: rfc822; support@shop.example\n"
        "Arrival-Date: Fri, 7 Mar 2025 17:02:11 +0100 (CET)\n\n"
        "Final-Recipient: rfc822; peter.holm@example.net\n"
        "Original-Recipient: rfc822;peter.holm@example.net\n"
        "Action: failed\n"
        "Status: 5.1.1\n"
        "Remote-MTA: dns; mx1.example.net\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <peter.holm@example.net>: Recipient address\n"
        "    rejected: User unknown in virtual mailbox table\n"
    )
    original = (
        "Return-Path: <support@shop.example>\n"
        "Date: Fri, 7 Mar 2025 17:02:10 +0100\n"
        "From: Larkwood Support <support@shop.example>\n"
        "To: Peter Holm <peter.holm@example.net>\n"
        "Subject: Re: Cancel order #A10-49920\n"
        f"Message-ID: {original_id}\n"
        "Auto-Submitted: auto-replied\n"
        "X-Auto-Response-Suppress: All\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
    )

    def plain_entity(content_type: str, text: str, description: str) -> bytes:
        head = f"Content-Description: {description}\r\nContent-Type: {content_type}\r\n\r\n"
        return head.encode("ascii") + crlf(text.encode("ascii"))

    entity = multipart("report", "4Z7kQ52mHvz9sWb.1741363331/mx1.example.net", [
        plain_entity("text/plain; charset=us-ascii", human, "Notification"),
        plain_entity("message/delivery-status", status, "Delivery report"),
        plain_entity("text/rfc822-headers", original, "Undelivered Message Headers"),
    ], params=" report-type=delivery-status;", preamble="This is a MIME-encapsulated message.")
    headers = [
        ("Return-Path", "<>"),
        ("Date", "Fri, 7 Mar 2025 17:02:11 +0100 (CET)"),
        ("From", "Mail Delivery System <MAILER-DAEMON@mx1.example.net>"),
        ("To", SUPPORT),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("Message-ID", "<20250307160211.4Z7kQ52mHvz9sWb@mx1.example.net>"),
        ("Auto-Submitted", "auto-replied"),
    ]
    return name, build(name, headers, entity)


def m29():
    name = "29-out-of-office-auto-reply"
    earlier = "<reply.c4e7a2b901.a11-40012@shop.example>"
    body = wrap(
        "Thank you for your email. I am out of the office until Monday 17 March with limited access "
        "to email. For urgent matters please contact my colleague Sofie Dahl (sofie.dahl@example.com)."
        "\n\nBest regards,\nHenrik Larsen\n"
    )
    headers = envelope(
        name, "Henrik Larsen <henrik.larsen@example.com>", "henrik.larsen@example.com",
        "Out of Office: Re: Changes to order #A11-40012", "Fri, 7 Mar 2025 17:15:03 +0100",
        style="outlook",
        extra=[("In-Reply-To", earlier), ("References", earlier),
               ("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All"),
               ("Thread-Topic", "Changes to order #A11-40012")])
    return name, build(name, headers, text_part(body, charset="us-ascii", cte="7bit"))


def m30():
    name = "30-mailing-list-digest"
    body = wrap(
        "Hi all,\n\n"
        "reminder that the spring trade fair for home textiles opens on 24 March in Hall 4. Exhibitor "
        "badges can be collected from 8:00. If you still want a table at the members' dinner, reply "
        "to the list by Friday.\n\n"
        "Cheers,\nJo Whitfield\nHome Retail Forum moderator\n"
        "\n_______________________________________________\n"
        "retail-ops mailing list -- retail-ops@lists.example.org\n"
        "To unsubscribe send an email to retail-ops-leave@lists.example.org\n"
    )
    headers = [
        ("Return-Path", "<retail-ops-bounces@lists.example.org>"),
        ("Authentication-Results", auth_results("lists.example.org")),
        ("Date", "Sat, 8 Mar 2025 07:00:02 +0000"),
        ("From", "Jo Whitfield <jo.whitfield@example.org>"),
        ("To", SUPPORT),  # Mailman with full personalisation addresses each member
        ("Subject", "[retail-ops] Spring trade fair: badges and members' dinner"),
        ("Message-ID", message_id(name, "example.org")),
        ("Sender", "\"retail-ops\" <retail-ops-bounces@lists.example.org>"),
        ("List-Id", "Home Retail Forum operations <retail-ops.lists.example.org>"),
        ("List-Unsubscribe",
         "<mailto:retail-ops-leave@lists.example.org>,\r\n <https://lists.example.org/unsubscribe/retail-ops>"),
        ("List-Post", "<mailto:retail-ops@lists.example.org>"),
        ("Precedence", "list"),
    ]
    return name, build(name, headers, text_part(body, charset="us-ascii", cte="7bit"))


def m31():
    name = "31-noreply-carrier-notification"
    body = wrap(
        "Your parcel 1Z999AA10123456784 has been delivered.\n\n"
        "Delivered to: Larkwood Returns, Unit 4, Harbour Park\n"
        "Signed by: M. OKAFOR\n"
        "Date: 08/03/2025 09:41\n\n"
        "This is an automatically generated message. Please do not reply to this email.\n"
    )
    headers = [
        ("Return-Path", "<bounces+4471@parcels.example.net>"),
        ("Authentication-Results", auth_results("parcels.example.net")),
        ("Date", "Sat, 8 Mar 2025 09:41:27 +0000"),
        ("From", "Parcel Notifications <noreply@parcels.example.net>"),
        ("To", SUPPORT),
        ("Subject", "Your parcel 1Z999AA10123456784 has been delivered"),
        ("Message-ID", message_id(name, "parcels.example.net")),
    ]
    return name, build(name, headers, text_part(body, charset="us-ascii", cte="7bit"))


# ---------------------------------------------------------------------------------------------
# Escalation-worthy mail


def m32():
    return simple(
        "32-angry-complaint-third-time", "Susan Clarke <susan.clarke@example.com>",
        "susan.clarke@example.com", "THIRD time - I'm done with Larkwood", "Sat, 8 Mar 2025 11:02:44 +0000",
        "This is the third time in two months that an order from you arrives incomplete. Order "
        "#A10-70012: the duvet cover is missing AGAIN, and nobody answered my last two emails. I have "
        "been a customer for five years and I have had enough. Sort this out properly or close my "
        "account, I will take my business elsewhere.\n\nSusan Clarke\n")


def m33():
    return simple(
        "33-legal-threat-lawyer", "Richard Hale <richard.hale@example.net>", "richard.hale@example.net",
        "Faulty heater - formal notice", "Sat, 8 Mar 2025 14:27:09 +0000",
        "Dear Sir or Madam,\n\nthe oil-filled heater I bought from you (order 4488-3109) overheated "
        "and scorched my floor. I reported this on 21 February and have received no reply. Unless I "
        "hear from you within 7 days with a proposal to cover the damage, my lawyer will file a claim "
        "against your company.\n\nYours faithfully,\nRichard Hale\n", style="outlook")


def m34():
    return simple(
        "34-urgent-charged-three-times", "Amira Haddad <amira.haddad@example.org>",
        "amira.haddad@example.org", "URGENT: charged three times, rent is due",
        "Sun, 9 Mar 2025 06:58:31 +0100",
        "URGENT!!! Your checkout charged my debit card THREE times for the same order (#A12-00921, "
        "3 x 214.50 EUR) and my account is now empty. My rent is due on Monday. Please refund the two "
        "extra payments immediately, I can't wait a week.\n\nAmira Haddad\n+49 151 2345 6789\n",
        style="gmail")


def m35():
    return simple(
        "35-off-topic-nonsense", "Barry Dunn <barry.dunn@mail.example>", "barry.dunn@mail.example",
        "quick question", "Sun, 9 Mar 2025 21:13:05 +0000",
        "hey, settle a bet for me: do penguins have knees? my nephew says no, i say yes. also what's "
        "the best way to keep squirrels off a bird feeder. cheers barry\n",
        charset="us-ascii", cte="7bit")


def m36():
    name = "36-dmarc-fail-refund-to-other-account"
    body = wrap(
        "Hello,\n\n"
        "please refund my order #A10-44771 (1,149.00 EUR) to my new bank account below instead of the "
        "card I paid with, the card was blocked:\n\n"
        "  IBAN DE00 1234 5678 9012 3456 78\n  Account holder: M. Turner\n\n"
        "I need the money today, thank you.\nMargaret Turner\n"
    )
    headers = envelope(name, "Margaret Turner <margaret.turner@example.com>", "margaret.turner@example.com",
                       "Refund to new bank account", "Mon, 10 Mar 2025 03:12:56 +0000", dmarc="fail")
    return name, build(name, headers, text_part(body, charset="us-ascii", cte="7bit"))


# ---------------------------------------------------------------------------------------------

MESSAGES = [
    m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15, m16, m17, m18,
    m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36,
]


def main(argv: list) -> int:
    check = "--check" in argv[1:]
    names, stale = set(), []
    for make in MESSAGES:
        name, data = make()
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name}: bare LF"
        assert all(len(line) <= 998 for line in data.split(b"\r\n")), f"{name}: line over 998 octets"
        path = OUT / f"{name}.eml"
        names.add(path.name)
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.write_bytes(data)
    extra = sorted(p.name for p in OUT.glob("*.eml") if p.name not in names)
    if check:
        for name in stale + extra:
            print(f"differs from the generator: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    for name in extra:
        print(f"note: {name} is not produced by the generator", file=sys.stderr)
    print(f"wrote {len(names)} messages to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
