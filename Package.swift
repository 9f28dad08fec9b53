// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mailroom",
    platforms: [.macOS(.v15)],
    targets: [
        // RFC 5322 / MIME parse and build, on bytes. Foundation and iconv only. (pure)
        .target(name: "MailMessage"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        // libcurl from the system (Debian: libcurl4-openssl-dev), found via pkg-config.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        // IMAP, IMAP IDLE and SMTP over libcurl; Maildir source and sink. (adapter)
        .target(name: "MailTransport", dependencies: ["CCurl"]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport"]),
    ],
    swiftLanguageModes: [.v6]
)
