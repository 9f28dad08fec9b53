"""The web console (/ops) in headless Chromium, against a running `mailroom run`.

scripts/browser-tests starts the server on a workspace holding the demo mails and Tests/Browser/mail, and sets:
MAILROOM_BASE_URL, MAILROOM_{ADMIN,MANAGER,AGENT}_{USER,PASSWORD} and MAILROOM_SCREENSHOTS (a directory).
Each test opens its own browser sessions and works on its own ticket, so the order of the tests does not matter.
Every page a session opens is checked for script the hostile fixture mail would run (`window.__pwned`) and for
an open alert. Raw HTTP checks (status codes, headers, forged posts) go through urllib with the session's cookies
and never follow a redirect.
"""

import os
import re
import sys
import unittest
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE_URL = os.environ["MAILROOM_BASE_URL"]
ACCOUNTS = {
    role: (os.environ[f"MAILROOM_{role.upper()}_USER"], os.environ[f"MAILROOM_{role.upper()}_PASSWORD"])
    for role in ("admin", "manager", "agent")
}
SCREENSHOTS = os.environ["MAILROOM_SCREENSHOTS"]
PAGE_TIMEOUT = 15


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def http(path, cookie="", form=None):
    """GET `path`, or POST `form` URL-encoded; a redirect is returned, not followed: (status, headers, body).

    A POST carries the console's own Origin, as the browser's would: what it tests is the CSRF token alone.
    """
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Origin"] = BASE_URL
    request = urllib.request.Request(BASE_URL + path, data=data, headers=headers)
    try:
        with _OPENER.open(request, timeout=PAGE_TIMEOUT) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def has_id(body, element_id):
    """Whether the HTML `body` (bytes) has an element with this id."""
    return re.search(rb"""id\s*=\s*["']?""" + element_id.encode() + rb"""["'\s>]""", body) is not None


class Browser:
    """One headless Chromium session of the console."""

    def __init__(self):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        # The page itself (what a screenshot shows) 1280 x 900, whatever the window adds around it.
        frame = self.driver.execute_script(
            "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
        self.driver.set_window_size(1280 + frame[0], 900 + frame[1])

    def quit(self):
        self.driver.quit()

    def open(self, path):
        self.driver.get(BASE_URL + path)
        self.check_page()

    def click(self, element):
        """Clicks a link or submit button and waits for the page it leads to."""
        self.after(element.click)

    def after(self, action):
        """Runs `action` and waits until it has replaced the page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        action()
        # While the browser switches documents, a query may fail otherwise than as stale: it is asked again.
        wait = WebDriverWait(self.driver, PAGE_TIMEOUT, ignored_exceptions=(WebDriverException,))
        wait.until(expected_conditions.staleness_of(page))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")
        self.check_page()

    def check_page(self):
        """Fails when the page opened an alert or ran the hostile fixture's script."""
        try:
            alert = self.driver.switch_to.alert
        except NoAlertPresentException:
            pass
        else:
            raise AssertionError(f"{self.driver.current_url}: an alert is open: {alert.text!r}")
        if not self.driver.execute_script("return window.__pwned === undefined"):
            raise AssertionError(f"{self.driver.current_url}: injected script ran (window.__pwned is set)")

    def find(self, css, within=None):
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def find_all(self, css, within=None):
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def fill(self, element, text):
        """Replaces the value of a text field or textarea (without typing it key by key)."""
        self.driver.execute_script("arguments[0].value = arguments[1]", element, text)

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def cookie_header(self):
        return "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in self.driver.get_cookies())

    def csrf(self):
        """The CSRF token of the page's first form."""
        return self.find("input[name=csrf]").get_attribute("value")

    def log_in(self, username, password):
        self.open("/ops")
        self.find("#login input[name=username]").send_keys(username)
        self.find("#login input[name=password]").send_keys(password)
        self.click(self.find("#login-submit"))

    def screenshot(self, name):
        path = os.path.join(SCREENSHOTS, name)
        if not self.driver.save_screenshot(path):
            raise AssertionError(f"no screenshot written to {path}")


class ConsoleTest(unittest.TestCase):
    def browser(self):
        """A new browser session, closed when the test ends."""
        browser = Browser()
        self.addCleanup(browser.quit)
        return browser

    def logged_in(self, role):
        browser = self.browser()
        browser.log_in(*ACCOUNTS[role])
        self.assertIsNotNone(
            browser.driver.get_cookie("mailroom_session"), f"no session after logging in as the {role}")
        return browser

    def open_ticket(self, browser, query, subject):
        """Searches the ticket list for `query`, opens the ticket whose row shows `subject`, returns its id."""
        browser.open("/ops/tickets?" + urllib.parse.urlencode({"q": query}))
        rows = [row for row in browser.find_all("#tickets tr.ticket") if subject in row.text]
        self.assertEqual(len(rows), 1, f"one ticket row for {subject!r} when searching {query!r}")
        link = browser.find("a.ticket-link", rows[0])
        path = urllib.parse.urlsplit(link.get_attribute("href")).path
        browser.click(link)
        self.assertEqual(browser.path(), path)
        self.assertIn(subject, browser.find("h1#subject").text)
        return path.rsplit("/", 1)[1]

    def reply(self, browser, text, reusable=False):
        """Sends an answer through the open ticket's reply form."""
        browser.fill(browser.find("#reply-form textarea[name=text]"), text)
        checkbox = browser.find("#reply-reusable")
        if checkbox.is_selected() != reusable:
            checkbox.click()
        browser.click(browser.find("#reply-submit"))
        self.assertTrue(browser.find_all("#messages .flash"), "no success message after the reply")

    def save(self, browser):
        """Saves the template in the editor; it must be taken."""
        browser.click(browser.find("#save-button"))
        self.assertTrue(browser.find_all("#messages .flash"), "no success message after saving")
        self.assertFalse(browser.find_all("ul#problems li.problem"), "problems shown after a successful save")

    def knowledge_entry(self, browser, section, answer):
        """The entries in `section` (#pending articles or #approved rows) that hold `answer`."""
        css = {"pending": "#pending article.knowledge", "approved": "#approved tr.entry"}[section]
        return [entry for entry in browser.find_all(css) if answer in entry.get_attribute("textContent")]

    def test_login_lands_on_dashboard_with_charts_and_logout_ends_the_session(self):
        browser = self.logged_in("admin")
        self.assertEqual(browser.path(), "/ops/dashboard")
        charts = browser.find_all("section.chart")
        self.assertTrue(charts, "no section.chart on the dashboard")
        self.assertTrue(browser.find_all("section.chart svg"), "no inline svg in the dashboard charts")
        for link in ("dashboard", "tickets", "templates", "knowledge", "quarantine", "outbox", "users", "account"):
            self.assertTrue(browser.find_all(f"nav#nav #nav-{link}"), f"the admin's navigation lacks #nav-{link}")
        browser.screenshot("dashboard.png")

        cookie = browser.cookie_header()
        browser.click(browser.find("#logout button"))
        status, _, _ = http("/ops/dashboard", cookie)
        self.assertEqual(status, 303, "the session still works after logging out")
        browser.open("/ops/dashboard")
        self.assertTrue(browser.find_all("#login"), "the dashboard opened after logging out")

    def test_wrong_password_is_refused_without_a_session(self):
        browser = self.browser()
        username, password = ACCOUNTS["admin"]
        browser.log_in(username, password + "-wrong")
        self.assertTrue(browser.find(".error").is_displayed())
        self.assertTrue(browser.find_all("#login"), "no login form after a refused login")
        self.assertIsNone(browser.driver.get_cookie("mailroom_session"))

    def test_pages_need_a_session(self):
        status, headers, _ = http("/ops/tickets")
        self.assertEqual(status, 303)
        location = urllib.parse.urlsplit(headers["Location"])
        self.assertEqual(location.path, "/ops")
        self.assertEqual(urllib.parse.parse_qs(location.query).get("next"), ["/ops/tickets"])

    def test_search_opens_a_ticket_with_thread_and_decision_trail(self):
        browser = self.logged_in("admin")
        browser.open("/ops/tickets")
        search = browser.find("#ticket-search input[name=q]")
        browser.after(lambda: search.send_keys("skillet", Keys.RETURN))
        self.assertEqual(urllib.parse.parse_qs(urllib.parse.urlsplit(browser.driver.current_url).query)["q"],
                         ["skillet"])
        rows = browser.find_all("#tickets tr.ticket")
        self.assertEqual(len(rows), 1, "searching 'skillet' finds the one review mail")
        self.assertIn("Lovely skillet", rows[0].text)
        self.assertTrue(browser.find_all(".badge[class*='status-']", rows[0]), "no status badge")
        self.assertTrue(browser.find_all(".badge[class*='sla-']", rows[0]), "no SLA badge")

        browser.click(browser.find("a.ticket-link", rows[0]))
        self.assertRegex(browser.path(), r"^/ops/tickets/[^/]+$")
        self.assertIn("Lovely skillet", browser.find("h1#subject").text)
        customer = browser.find("#thread article.message.role-customer pre.body")
        self.assertTrue(customer.is_displayed())
        self.assertIn("skillet", customer.text)
        self.assertTrue(browser.find("#trail").is_displayed())
        intents = browser.find_all("#trail table#intents tr.intent")
        self.assertTrue(intents, "no intent rows in the decision trail")
        self.assertIn("review", intents[0].text)
        for row in intents:
            self.assertRegex(row.text, r"\d", f"intent row without a score: {row.text!r}")
        self.assertTrue(browser.find_all("#trail ul#reasons li"), "no reasons in the decision trail")
        browser.screenshot("ticket.png")

    def test_agent_reply_is_sent_and_listed_in_the_outbox(self):
        browser = self.logged_in("agent")
        self.assertEqual(browser.path(), "/ops/tickets")
        self.assertFalse(browser.find_all("#nav-users"), "the agent's navigation links to the users page")
        ticket = self.open_ticket(browser, "heater", "Faulty heater")
        outgoing_before = len(browser.find_all("#outgoing tr.outgoing"))
        answer = "We are sorry about the heater. A replacement ships tomorrow at our cost."
        self.reply(browser, answer)
        self.assertEqual(browser.path(), f"/ops/tickets/{ticket}")
        bodies = [body.text for body in browser.find_all("#thread article.message.role-agent pre.body")]
        self.assertTrue(any(answer in body for body in bodies), f"the answer is not in the thread: {bodies}")
        self.assertGreater(len(browser.find_all("#outgoing tr.outgoing")), outgoing_before, "no new outgoing mail")

        browser.open("/ops/outbox")
        rows = [row for row in browser.find_all("tr.outgoing") if ticket in row.text]
        self.assertTrue(rows, f"the outbox lists no mail of {ticket}")

    def test_admin_approves_a_learned_answer(self):
        agent = self.logged_in("agent")
        self.open_ticket(agent, "vacuum", "I want to talk to a real person")
        answer = "Our warranty team will call you back within one working day."
        self.reply(agent, answer)

        admin = self.logged_in("admin")
        admin.open("/ops/knowledge")
        pending = self.knowledge_entry(admin, "pending", answer)
        self.assertEqual(len(pending), 1, "the agent's answer is not pending review")
        admin.click(admin.find("form.approve button", pending[0]))
        self.assertTrue(admin.find_all("#messages .flash"), "no success message after approving")
        self.assertFalse(self.knowledge_entry(admin, "pending", answer), "still pending after approval")
        self.assertEqual(len(self.knowledge_entry(admin, "approved", answer)), 1, "not among the approved answers")

    def test_reply_marked_reusable_is_approved_at_once(self):
        agent = self.logged_in("agent")
        self.open_ticket(agent, "rent", "charged three times")
        answer = "We have refunded the two extra charges; they reach your account within three working days."
        self.reply(agent, answer, reusable=True)

        admin = self.logged_in("admin")
        admin.open("/ops/knowledge")
        self.assertFalse(self.knowledge_entry(admin, "pending", answer), "a reusable answer waits for review")
        self.assertEqual(len(self.knowledge_entry(admin, "approved", answer)), 1, "not among the approved answers")

    def test_template_editor_refuses_errors_previews_saves_and_rolls_back(self):
        browser = self.logged_in("admin")
        browser.open("/ops/templates")
        browser.click(browser.find("#templates tr.template a.template-link[href$='/en/track_order']"))
        self.assertEqual(browser.path(), "/ops/templates/en/track_order")
        original = browser.find("#template-text").get_property("value")
        first_line, rest = original.split("\n", 1)

        broken = f"{first_line}\n{{{{ nosuchvariable }}}}\n{rest}"
        browser.fill(browser.find("#template-text"), broken)
        browser.click(browser.find("#save-button"))
        problems = [problem.text for problem in browser.find_all("ul#problems li.problem")]
        self.assertTrue(
            any("nosuchvariable" in problem and re.search(r"(?<!\d)2(?!\d)", problem) for problem in problems),
            f"no problem naming the unknown variable on line 2: {problems}")
        self.assertFalse(browser.find_all("#messages .flash"), "a template with an error was saved")

        marker = "We looked at this template in a browser."
        fixed = f"{first_line}\n{marker}\n{rest}"
        browser.fill(browser.find("#template-text"), fixed)
        tickets = Select(browser.find("select[name=ticket]"))
        ticket = next(option.get_attribute("value") for option in tickets.options
                      if "Lovely skillet" in option.text)
        tickets.select_by_value(ticket)
        browser.click(browser.find("#preview-button"))
        preview = browser.find("pre#preview").text
        self.assertIn(marker, preview)
        self.assertIn(ticket, preview, "the preview does not render the chosen ticket's id")
        self.assertIn("Giulia", preview, "the preview does not greet the chosen ticket's customer")
        self.assertNotIn("{{", preview)
        self.assertEqual(browser.find("#template-text").get_property("value"), fixed,
                         "the preview lost the edited text")
        browser.screenshot("template-editor.png")

        self.save(browser)
        # The history holds what was saved here; a second save gives a version to go back to.
        second_marker = "And we saved it twice."
        browser.fill(browser.find("#template-text"), f"{first_line}\n{marker}\n{second_marker}\n{rest}")
        self.save(browser)
        self.assertGreaterEqual(len(browser.find_all("table#history tr.version")), 2, "fewer than two versions")
        diffs = [diff.get_attribute("textContent") for diff in browser.find_all("table#history tr.version .diff")]
        self.assertTrue(any(second_marker in diff for diff in diffs), f"no diff shows the second change: {diffs}")

        def version(form):
            return int(browser.find("input[name=version]", form).get_attribute("value"))

        previous = max(browser.find_all("table#history tr.version form.rollback"), key=version)
        browser.click(browser.find("button", previous))
        self.assertTrue(browser.find_all("#messages .flash"), "no success message after rolling back")
        self.assertEqual(browser.find("#template-text").get_property("value"), fixed,
                         "the editor does not hold the version rolled back to")

    def test_quarantined_mail_shows_headers_downloads_raw_and_is_released(self):
        browser = self.logged_in("admin")
        browser.open("/ops/quarantine")
        held = [row for row in browser.find_all("tr.held") if "Question about my order" in row.text]
        self.assertEqual(len(held), 1, "the mail without a sender is not held")
        browser.click(browser.find("a.held-link", held[0]))
        self.assertRegex(browser.path(), r"^/ops/quarantine/[^/]+$")
        headers = browser.find("pre#headers").text
        self.assertIn("Subject: Question about my order", headers)
        self.assertIn("no-sender-7d20b4@relay.example.org", headers)

        raw = urllib.parse.urlsplit(browser.find("a#raw-download").get_attribute("href")).path
        self.assertEqual(raw, browser.path() + "/raw")
        status, response_headers, body = http(raw, browser.cookie_header())
        self.assertEqual(status, 200)
        self.assertTrue(response_headers.get("Content-Disposition", "").startswith("attachment"),
                        f"Content-Disposition: {response_headers.get('Content-Disposition')!r}")
        self.assertNotIn("text/html", response_headers.get("Content-Type", ""))
        self.assertIn(b"Message-ID: <no-sender-7d20b4@relay.example.org>", body)

        browser.click(browser.find("#release-form button"))
        self.assertTrue(browser.find_all("#messages .flash"), "no success message after releasing")

    def test_hostile_mail_is_shown_as_text(self):
        browser = self.logged_in("agent")
        browser.open("/ops/tickets")
        search = browser.find("#ticket-search input[name=q]")
        browser.after(lambda: search.send_keys("Whitfield", Keys.RETURN))
        rows = browser.find_all("#tickets tr.ticket")
        self.assertEqual(len(rows), 1, "searching 'Whitfield' finds the hostile mail")
        self.assertIn("<script>window.__pwned=1</script>", rows[0].text)
        browser.click(browser.find("a.ticket-link", rows[0]))

        self.assertIn("<script>window.__pwned=1</script>", browser.find("h1#subject").text)
        text = browser.find("body").text
        self.assertIn("Dana Whitfield <img src=x onerror=window.__pwned=1>", text)
        self.assertIn("<script>window.__pwned=2</script>", text)
        self.assertIn('<img src=x onerror="window.__pwned=3">', text)
        self.assertIn('<a href="javascript:window.__pwned=4">click</a>', text)
        self.assertFalse(browser.find_all('a[href^="javascript:"]'), "a javascript: link was rendered")
        self.assertFalse(browser.find_all('img[src="x"]'), "an injected img was rendered")
        self.assertFalse(browser.driver.execute_script(
            "return [...document.scripts].some(script => script.textContent.includes('__pwned'))"),
            "an injected script element was rendered")

    def test_roles_limit_pages_and_posts(self):
        agent = self.logged_in("agent")
        cookie = agent.cookie_header()
        for path in ("/ops/users", "/ops/templates/en/track_order"):
            status, _, body = http(path, cookie)
            self.assertEqual(status, 403, f"the agent may open {path}")
            self.assertTrue(has_id(body, "forbidden"), f"{path}: no h1#forbidden for the agent")
        agent.open("/ops/users")
        self.assertTrue(agent.find("h1#forbidden").is_displayed())

        agent.open("/ops/tickets")
        intruder = "browser-intruder"
        status, _, body = http("/ops/users", cookie, {
            "csrf": agent.csrf(), "name": intruder, "role": "admin", "email": "intruder@example.com",
            "password": "intruder-password-1"})
        self.assertEqual(status, 403, "an agent's post to /ops/users was not refused")
        self.assertTrue(has_id(body, "forbidden"), "the agent's post was refused, but not for the role")

        manager = self.logged_in("manager")
        for path in ("/ops/users", "/ops/templates/en/track_order"):
            status, _, _ = http(path, manager.cookie_header())
            self.assertEqual(status, 403, f"the manager may open {path}")
        status, _, _ = http("/ops/knowledge", manager.cookie_header())
        self.assertEqual(status, 200, "the manager may not open /ops/knowledge")

        admin = self.logged_in("admin")
        admin.open("/ops/users")
        users = [row.text for row in admin.find_all("tr.user")]
        self.assertTrue(any(ACCOUNTS["agent"][0] in user for user in users), f"the users page lists: {users}")
        self.assertFalse(any(intruder in user for user in users), "the agent created a user")

    def test_posts_without_the_csrf_token_are_refused(self):
        browser = self.logged_in("admin")
        ticket = self.open_ticket(browser, "towel", "Order of 40 towel sets")
        token = browser.find("#note-form input[name=csrf]").get_attribute("value")
        cookie = browser.cookie_header()
        path = f"/ops/tickets/{ticket}/note"

        forged = {"no token": {}, "a wrong token": {"csrf": "0" * len(token)}}
        for how, fields in forged.items():
            status, _, body = http(path, cookie, {**fields, "text": f"Forged note with {how}."})
            self.assertEqual(status, 403, f"a note with {how} was not refused")
            self.assertTrue(has_id(body, "csrf-refused"), f"no h1#csrf-refused for a note with {how}")
        status, _, _ = http(path, cookie, {"csrf": token, "text": "Genuine note with the token."})
        self.assertEqual(status, 303, "the same note with the page's token was not taken")

        browser.open(f"/ops/tickets/{ticket}")
        notes = " ".join(note.text for note in browser.find_all("#thread article.message.role-note pre.body"))
        self.assertIn("Genuine note with the token.", notes)
        self.assertNotIn("Forged note", notes)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ConsoleTest)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"browser tests: {result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
