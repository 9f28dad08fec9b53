#!/usr/bin/env python3
# Writes the OpenAPI 3.1 document of the HTTP API (the contract):
#   python3 scripts/openapi/generate.py > Sources/MailroomHTTP/Resources/openapi.json
# OpenAPIContractTests checks that it names exactly the routes the server serves.
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def arr(x): return {"type": "array", "items": x}
S = lambda **k: dict(type="string", **k)
I = lambda **k: dict(type="integer", **k)
N = lambda **k: dict(type="number", **k)
B = lambda **k: dict(type="boolean", **k)
def opt(x): return {"anyOf": [x, {"type": "null"}]}
def obj(req, props, extra=False):
    o = {"type": "object", "properties": props, "required": req}
    if not extra: o["additionalProperties"] = False
    return o
date = S(format="date-time")
rate = opt(N(minimum=0, maximum=1))
counts = {"type": "object", "additionalProperties": I(minimum=0)}
statuses = ["open", "auto_replied", "escalated", "answered", "closed"]
outbox_states = ["queued", "sending", "sent", "deferred", "failed", "shadow"]
roles = ["intake", "agent", "manager", "admin"]
schemas = {
  "Error": obj(["error"], {"error": obj(["code", "message"], {"code": S(), "message": S(), "details": arr(S())})}),
  "LoginRequest": obj(["username", "password"], {"username": S(maxLength=64, minLength=1), "password": S(maxLength=1024)}, True),
  "User": obj(["name", "role"], {"name": S(), "role": S(enum=roles), "email": S(), "createdAt": date}),
  "LoginResponse": obj(["token", "expiresAt", "user"], {"token": S(), "expiresAt": date, "user": ref("User")}),
  "PasswordChange": obj(["current", "new"], {"current": S(), "new": S(minLength=12)}, True),
  "NewUser": obj(["name", "role"], {"name": S(pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"), "role": S(enum=roles), "email": S(format="email"), "password": S(minLength=12)}, True),
  "UserList": obj(["users"], {"users": arr(ref("User"))}),
  "TicketSummary": obj(["id", "subject", "customer", "status", "receivedAt", "updatedAt"], {
     "id": S(), "subject": S(), "customer": S(), "customerName": S(), "status": S(enum=statuses), "intent": S(),
     "confidence": N(), "language": S(), "urgency": S(), "receivedAt": date, "updatedAt": date,
     "firstResponseAt": date, "resolvedAt": date, "firstResponseDueAt": date, "resolutionDueAt": date,
     "sla": S(enum=["breached", "dueSoon", "met", "running"])}),
  "TicketList": obj(["tickets"], {"tickets": arr(ref("TicketSummary")), "nextCursor": S()}),
  "Message": obj(["id", "role", "source", "receivedAt", "state", "text"], {"id": I(), "role": S(), "source": S(), "from": S(), "subject": S(), "receivedAt": date, "kind": S(), "state": S(), "outcome": S(), "text": S()}),
  "Event": obj(["at", "type", "detail"], {"at": date, "type": S(), "reason": S(), "detail": S()}),
  "OutboxItem": obj(["id", "purpose", "recipients", "subject", "state", "attempts", "createdAt", "nextAttemptAt"], {
     "id": I(), "ticket": S(), "purpose": S(), "recipients": arr(S()), "subject": S(), "state": S(enum=outbox_states),
     "attempts": I(), "lastError": S(), "errorClass": S(), "createdAt": date, "nextAttemptAt": date, "text": S()}),
  "TicketDetail": obj(["ticket", "reopenCount", "messages", "events", "outbox", "intents", "signals"], {"ticket": ref("TicketSummary"), "sentiment": S(), "churnRisk": S(), "reopenCount": I(), "messages": arr(ref("Message")), "events": arr(ref("Event")), "outbox": arr(ref("OutboxItem")),
     "intents": arr(obj(["intent", "score"], {"intent": S(), "score": N()})),
     "signals": arr(obj(["name", "level", "score", "evidence"], {"name": S(), "level": S(), "score": N(), "evidence": arr(S())})),
     "draft": S()}),
  "WebForm": obj(["name", "email", "subject", "message"], {"name": S(maxLength=200), "email": S(format="email", maxLength=254), "subject": S(maxLength=300), "message": S(maxLength=64000)}, True),
  "TicketCreated": obj(["outcome"], {"id": S(), "outcome": S()}),
  "Text": obj(["text"], {"text": S(minLength=1)}, True),
  "OptionalText": obj([], {"text": S()}, True),
  "ActionResult": obj(["ticket", "outcome"], {"ticket": ref("TicketSummary"), "outcome": S()}),
  "EvaluateRequest": obj([], {"apply": B()}, True),
  "Evaluation": obj(["alternatives", "urgency", "sentiment", "churnRisk", "language", "decision", "reasons", "explanation", "applied"], {
     "intent": S(), "confidence": N(), "alternatives": arr(obj(["intent", "score"], {"intent": S(), "score": N()})),
     "urgency": S(), "sentiment": S(), "churnRisk": S(), "language": S(), "decision": S(enum=["autoReply", "escalate", "suppress"]),
     "reasons": arr(obj(["code", "detail"], {"code": S(), "detail": S()})), "explanation": S(), "applied": B()}),
  "QuarantineItem": obj(["id", "reason", "detail", "createdAt"], {"id": I(), "reason": S(), "detail": S(), "from": S(), "subject": S(), "createdAt": date}),
  "QuarantineList": obj(["messages"], {"messages": arr(ref("QuarantineItem"))}),
  "Dismiss": obj(["reason"], {"reason": S(minLength=1, maxLength=1000)}, True),
  "OutboxList": obj(["mail"], {"mail": arr(ref("OutboxItem"))}),
  "Knowledge": obj(["id", "state", "ticket", "question", "answer", "reuseCount", "findings"], {
     "id": I(), "state": S(enum=["pending", "approved", "rejected"]), "ticket": S(), "intent": S(), "language": S(),
     "question": S(), "answer": S(), "author": S(), "reuseCount": I(), "findings": arr(S())}),
  "KnowledgeList": obj(["entries"], {"entries": arr(ref("Knowledge"))}),
  "KnowledgeUpdate": obj(["answer"], {"answer": S(minLength=1, maxLength=20000)}, True),
  "Reject": obj([], {"reason": S()}, True),
  "TemplateEntry": obj(["language", "name", "kind", "hasHTML"], {"language": S(), "name": S(), "kind": S(), "hasHTML": B()}),
  "TemplateProblem": obj(["file", "severity", "message"], {"file": S(), "line": I(), "severity": S(), "message": S()}),
  "TemplateList": obj(["templates", "missing", "problems"], {"templates": arr(ref("TemplateEntry")), "missing": arr(ref("TemplateEntry")), "problems": arr(ref("TemplateProblem"))}),
  "TemplateText": obj(["text"], {"text": S(), "html": S()}, True),
  "PreviewRequest": obj(["language", "name"], {"language": S(pattern="^[A-Za-z0-9_][A-Za-z0-9_-]{0,15}$"), "name": S(pattern="^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$"), "text": S(), "ticket": S(maxLength=32)}, True),
  "Preview": obj(["text", "language", "problems"], {"text": S(), "html": S(), "language": S(), "problems": arr(ref("TemplateProblem"))}),
  "Percentiles": obj(["p50", "p90"], {"p50": opt(N(minimum=0)), "p90": opt(N(minimum=0))}),
  "KPIs": obj(["since", "until", "generatedAt", "tickets", "messages", "autoReplied", "automationRate", "durableResolutionRate",
               "quietHours", "durablePending", "reopenRate", "escalated", "escalationRate", "escalationReasons",
               "firstResponseSeconds", "firstResponseSecondsAutomatic", "firstResponseSecondsHuman", "resolutionSeconds",
               "resolutionSecondsAutomatic", "resolutionSecondsHuman", "sla", "csat", "suppressed", "byIntent", "byLanguage",
               "byDay", "contradictedRate", "backlog"], {
     "since": date, "until": date, "generatedAt": date, "tickets": I(minimum=0), "messages": I(minimum=0),
     "autoReplied": I(minimum=0), "automationRate": rate, "durableResolutionRate": rate, "quietHours": I(minimum=1),
     "durablePending": I(minimum=0), "reopenRate": rate, "escalated": I(minimum=0), "escalationRate": rate,
     "escalationReasons": counts, "firstResponseSeconds": ref("Percentiles"), "firstResponseSecondsAutomatic": ref("Percentiles"),
     "firstResponseSecondsHuman": ref("Percentiles"), "resolutionSeconds": ref("Percentiles"),
     "resolutionSecondsAutomatic": ref("Percentiles"), "resolutionSecondsHuman": ref("Percentiles"),
     "sla": obj(["breached", "dueSoon", "withinRate", "met", "firstResponseWithinRate", "resolutionWithinRate"], {
        "breached": I(minimum=0), "dueSoon": I(minimum=0), "withinRate": rate, "met": I(minimum=0),
        "firstResponseWithinRate": rate, "resolutionWithinRate": rate}),
     "csat": obj(["responses", "responseRate", "positiveRate", "meanRating"], {
        "responses": I(minimum=0), "responseRate": rate, "positiveRate": rate, "meanRating": opt(N(minimum=1, maximum=5))}),
     "suppressed": counts,
     "byIntent": arr(obj(["intent", "tickets", "autoReplied", "meanConfidence", "contradicted", "automationRate", "precisionEstimate"], {
        "intent": S(), "tickets": I(minimum=0), "autoReplied": I(minimum=0), "meanConfidence": opt(N(minimum=0, maximum=1)),
        "contradicted": I(minimum=0), "automationRate": rate, "precisionEstimate": rate})),
     "byLanguage": counts,
     "byDay": arr(obj(["day", "tickets", "messages"], {"day": S(pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "tickets": I(minimum=0), "messages": I(minimum=0)})),
     "contradictedRate": rate,
     "backlog": obj(["0-1h", "1-4h", "4-24h", "1-3d", "3-7d", "7d+"], {k: I(minimum=0) for k in ["0-1h", "1-4h", "4-24h", "1-3d", "3-7d", "7d+"]})}),
  "Readiness": obj(["ready", "store", "intake"], {"ready": B(), "store": S(), "intake": S(), "lastPollAt": date, "database": S(enum=["sqlite", "postgresql"]), "llm": S(enum=["closed", "open", "half_open"])}),
  "Health": obj(["status"], {"status": S()}),
}
def resp(desc, schema=None, ctype="application/json"):
    r = {"description": desc}
    if schema: r["content"] = {ctype: {"schema": schema}}
    return r
E = lambda d: resp(d, ref("Error"))
def body(name): return {"required": True, "content": {"application/json": {"schema": ref(name)}}}
def optbody(name): return {"required": False, "content": {"application/json": {"schema": ref(name)}}}
pid = {"name": "id", "in": "path", "required": True, "schema": S(pattern="^[A-Za-z0-9-]{1,32}$")}
rowid = {"name": "id", "in": "path", "required": True, "schema": I(minimum=1)}
def q(name, schema): return {"name": name, "in": "query", "required": False, "schema": schema}
auth = [{"bearer": []}]
def op(summary, roles, responses, params=None, request=None, secured=True, description=None):
    o = {"summary": summary, "responses": responses}
    if roles: o["x-roles"] = roles
    if params: o["parameters"] = params
    if request: o["requestBody"] = request
    o["security"] = auth if secured else []
    if description: o["description"] = description
    return o
A = ["agent", "manager", "admin"]; M = ["manager", "admin"]; AD = ["admin"]
std = {"401": E("not authenticated"), "403": E("the role does not allow it")}
paths = {
 "/api/v1/auth/login": {"post": op("Log in: a session token", None, {"200": resp("a session", ref("LoginResponse")), "400": E("bad body"), "401": E("wrong name or password"), "413": E("too large"), "415": E("not JSON"), "429": E("locked or too many attempts")}, request=body("LoginRequest"), secured=False)},
 "/api/v1/auth/logout": {"post": op("End this session", ["any account"], {"204": resp("ended"), "400": E("not a session"), **std})},
 "/api/v1/me": {"get": op("Who am I", ["any"], {"200": resp("the caller", ref("User")), **std})},
 "/api/v1/me/password": {"put": op("Change my password (sessions end)", ["any account"], {"204": resp("changed"), "400": E("bad body"), **std, "413": E("too large"), "415": E("not JSON")}, request=body("PasswordChange"))},
 "/api/v1/tickets": {
   "get": op("List and search tickets", A, {"200": resp("a page", ref("TicketList")), "400": E("bad parameter"), **std}, params=[
      q("status", S(enum=statuses)), q("intent", S(pattern="^[A-Za-z0-9_-]{1,64}$")), q("language", S(pattern="^[A-Za-z0-9_-]{1,64}$")), q("customer", S(maxLength=254)),
      q("q", S(maxLength=500)), q("since", S(format="date-time")), q("until", S(format="date-time")), q("limit", I(minimum=1, maximum=200)), q("cursor", S(maxLength=40))]),
   "post": op("A web form: a ticket through the same pipeline as mail", ["intake", "admin", "anyone with http.publicIntake"], {"201": resp("stored and processed", ref("TicketCreated")), "400": E("bad body"), **std, "413": E("too large"), "415": E("not JSON"), "422": E("fields cannot be used"), "429": E("rate limit")}, request=body("WebForm"))},
 "/api/v1/tickets/{id}": {"get": op("One ticket with messages, audit trail, outgoing mail", A, {"200": resp("the ticket", ref("TicketDetail")), **std, "404": E("no such ticket")}, params=[pid])},
}
for action, req, desc in [("reply", body("Text"), "Answer the customer (the agents' relay path)"), ("note", body("Text"), "An internal note"), ("close", optbody("OptionalText"), "Close (sending the text first when given)"), ("reopen", optbody("OptionalText"), "Open again"), ("send-draft", optbody("OptionalText"), "Send the language model's draft as written (the text is kept as an internal note)")]:
  paths[f"/api/v1/tickets/{{id}}/{action}"] = {"post": op(desc, A, {"200": resp("done", ref("ActionResult")), "400": E("bad body"), **std, "404": E("no such ticket"), "413": E("too large"), "415": E("not JSON")}, params=[pid], request=req)}
paths["/api/v1/tickets/{id}/evaluate"] = {"post": op("What the pipeline would decide now (apply: act on it)", A, {"200": resp("the evaluation", ref("Evaluation")), "400": E("bad body"), **std, "404": E("no such ticket or customer message"), "413": E("too large"), "415": E("not JSON")}, params=[pid], request=optbody("EvaluateRequest"))}
paths["/api/v1/quarantine"] = {"get": op("Messages held for a person", A, {"200": resp("the list", ref("QuarantineList")), **std})}
paths["/api/v1/quarantine/{id}/release"] = {"post": op("Process a held message again", M, {"204": resp("released"), **std, "404": E("not held"), "409": E("cannot be processed again")}, params=[rowid])}
paths["/api/v1/quarantine/{id}/dismiss"] = {"post": op("Dismiss a held message with a reason", M, {"204": resp("dismissed"), "400": E("bad body"), **std, "404": E("not held"), "413": E("too large"), "415": E("not JSON")}, params=[rowid], request=body("Dismiss"))}
paths["/api/v1/quarantine/{id}/raw"] = {"get": op("The raw mail, as a download", M, {"200": resp("the message", S(format="binary"), "application/octet-stream"), **std, "404": E("no such message")}, params=[rowid])}
paths["/api/v1/outbox"] = {"get": op("Outgoing mail", A, {"200": resp("the list", ref("OutboxList")), "400": E("bad state"), **std}, params=[q("state", S(enum=outbox_states))])}
paths["/api/v1/outbox/{id}/retry"] = {"post": op("Send failed or deferred mail again", M, {"204": resp("queued"), **std, "404": E("not failed or deferred")}, params=[rowid])}
paths["/api/v1/knowledge"] = {"get": op("Learned answers", M, {"200": resp("the list", ref("KnowledgeList")), "400": E("bad state"), **std}, params=[q("state", S(enum=["pending", "approved", "rejected"]))])}
paths["/api/v1/knowledge/{id}/approve"] = {"post": op("Approve for reuse (after the personal-data screen)", M, {"200": resp("approved", ref("Knowledge")), **std, "404": E("no such entry"), "422": E("personal data found")}, params=[rowid])}
paths["/api/v1/knowledge/{id}/reject"] = {"post": op("Reject (never reused)", M, {"200": resp("rejected", ref("Knowledge")), "400": E("bad body"), **std, "404": E("no such entry"), "413": E("too large"), "415": E("not JSON")}, params=[rowid], request=optbody("Reject"))}
paths["/api/v1/knowledge/{id}"] = {"put": op("Replace the answer (pending again)", M, {"200": resp("edited", ref("Knowledge")), "400": E("bad body"), **std, "404": E("no such entry"), "413": E("too large"), "415": E("not JSON")}, params=[rowid], request=body("KnowledgeUpdate"))}
lang = {"name": "language", "in": "path", "required": True, "schema": S(pattern="^[A-Za-z0-9_][A-Za-z0-9_-]{0,15}$")}
tname = {"name": "name", "in": "path", "required": True, "schema": S(pattern="^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$")}
paths["/api/v1/templates"] = {"get": op("Every template, the missing ones, the problems", M, {"200": resp("the list", ref("TemplateList")), **std})}
paths["/api/v1/templates/{language}/{name}"] = {
  "get": op("One template's text", M, {"200": resp("the text", ref("TemplateText")), "400": E("bad name"), **std, "404": E("no such template")}, params=[lang, tname]),
  "put": op("Save a template (refused with the checker's problems)", AD, {"200": resp("saved", ref("TemplateText")), "400": E("bad body or name"), **std, "404": E("no such language"), "409": E("built-in templates are read-only"), "413": E("too large"), "415": E("not JSON"), "422": E("the template has errors")}, params=[lang, tname], request=body("TemplateText"))}
paths["/api/v1/templates/preview"] = {"post": op("Render a template for a ticket or the sample", M, {"200": resp("rendered", ref("Preview")), "400": E("bad body"), **std, "404": E("no such template or ticket"), "413": E("too large"), "415": E("not JSON"), "422": E("does not compile")}, request=body("PreviewRequest"))}
paths["/api/v1/users"] = {
  "get": op("Accounts", AD, {"200": resp("the list", ref("UserList")), **std}),
  "post": op("Add an account", AD, {"201": resp("added", ref("User")), "400": E("bad body"), **std, "409": E("name taken"), "413": E("too large"), "415": E("not JSON")}, request=body("NewUser"))}
paths["/api/v1/users/{name}"] = {"delete": op("Remove an account (its tokens stop working)", AD, {"204": resp("removed"), **std, "404": E("no such user")}, params=[{"name": "name", "in": "path", "required": True, "schema": S(pattern="^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")}])}
paths["/api/v1/kpis"] = {"get": op("Key figures of the tickets received in a period (default: the last 30 days); docs/KPIS.md defines each", M, {"200": resp("the figures", ref("KPIs")), "400": E("bad date"), **std}, params=[q("since", S(format="date-time")), q("until", S(format="date-time"))])}
tok = {"name": "token", "in": "path", "required": True, "schema": S(maxLength=80)}
html = {"200": resp("a page", S(), "text/html")}
paths["/feedback/{token}"] = {
  "get": op("A customer's answer from the link in our mail", None, {**html, "400": E("answer must be yes or no"), "404": E("not our link"), "429": E("too many")}, params=[tok, {"name": "answer", "in": "query", "required": True, "schema": S(enum=["yes", "no"])}], secured=False),
  "post": op("A rating (1-5) and a comment", None, {**html, "400": E("bad rating"), "404": E("not our link"), "413": E("too large"), "415": E("not a form"), "429": E("too many")}, params=[tok], request={"required": True, "content": {"application/x-www-form-urlencoded": {"schema": obj([], {"rating": S(enum=["1","2","3","4","5"]), "comment": S(maxLength=2000)}, True)}}}, secured=False)}
paths["/health"] = {"get": op("Liveness", None, {"200": resp("alive", ref("Health"))}, secured=False)}
paths["/ready"] = {"get": op("Readiness: the store answers and intake polled recently", None, {"200": resp("ready", ref("Readiness")), "503": resp("not ready", ref("Readiness"))}, secured=False)}
paths["/metrics"] = {"get": op("Prometheus metrics (bearer http.metricsToken when set)", None, {"200": resp("metrics", S(), "text/plain"), "401": E("http.metricsToken required")}, secured=False)}
paths["/openapi.json"] = {"get": op("This document", None, {"200": resp("the document", {"type": "object"})}, secured=False)}
paths["/docs"] = {"get": op("The reference page", None, {"200": resp("a page", S(), "text/html")}, secured=False)}
static_ok = {"description": "the file", "content": {"text/css": {"schema": S()}, "text/javascript": {"schema": S()}}}
paths["/static/{file}"] = {"get": op("Mailroom's own CSS and scripts", None, {"200": static_ok, "404": E("no such file")}, params=[{"name": "file", "in": "path", "required": True, "schema": S(enum=["mailroom.css", "docs.js"])}], secured=False)}
doc = {"openapi": "3.1.0", "info": {"title": "Mailroom API", "version": "1.0.0", "description": "The HTTP API of Mailroom, a self-hosted support mail gateway. Roles: admin (everything), manager (read everything, KPIs, knowledge, quarantine, outbox retry), agent (tickets; quarantine and outbox read), intake (POST /api/v1/tickets only). Errors: {\"error\": {\"code\", \"message\"}}."},
  "servers": [{"url": "/"}], "paths": paths,
  "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
print(json.dumps(doc, indent=1, sort_keys=False))
