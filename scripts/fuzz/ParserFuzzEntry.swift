// libFuzzer entry point for the MailMessage parser. Compiled by scripts/fuzz together with the MailMessage
// sources (swiftc -sanitize=fuzzer,address); not part of the package build.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? MessageParser.parse(bytes) else { return 0 }
    _ = message.textBody
    _ = message.kindVerdict
    _ = message.attachments
    _ = message.deliveryReport
    _ = (message.subject, message.from, message.to, message.cc, message.date, message.references)
    _ = message.allDefects
    return 0
}
