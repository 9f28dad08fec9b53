#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin, safe wrapper over the C library's iconv: converts to UTF-8, replacing invalid input with U+FFFD.
enum Iconv {
    struct Result {
        var text: String
        var invalidBytes: Int
    }

    private static var invalidHandle: iconv_t? { iconv_t(bitPattern: -1) }

    static func isAvailable(_ name: String) -> Bool {
        let handle = iconv_open("UTF-8", name)
        guard handle != invalidHandle else { return false }
        iconv_close(handle)
        return true
    }

    /// Converts `bytes` from `name` to a String, or nil when iconv does not know `name`.
    static func decode(_ bytes: [UInt8], from name: String) -> Result? {
        let handle = iconv_open("UTF-8", name)
        guard handle != invalidHandle else { return nil }
        defer { iconv_close(handle) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var chunk = [UInt8](repeating: 0, count: max(256, min(bytes.count * 3, 1 << 20)))
        var invalid = 0
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuffer in
            var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            while true {
                let (status, err) = convertChunk(handle, &inPointer, &inLeft, &chunk, &output)
                if status != -1 {
                    if inLeft == 0 {
                        // Flush any shift state (ISO-2022-*).
                        _ = convertChunk(handle, nil, nil, &chunk, &output)
                        return
                    }
                    continue
                }
                switch err {
                case E2BIG:
                    continue
                case EILSEQ, EINVAL:
                    // Invalid or truncated sequence: emit U+FFFD, skip one byte, reset the state.
                    invalid += 1
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    if inLeft > 0 {
                        inPointer = inPointer?.advanced(by: 1)
                        inLeft -= 1
                    }
                    iconv(handle, nil, nil, nil, nil)
                    if inLeft == 0 { return }
                default:
                    invalid += inLeft
                    return
                }
            }
        }
        if output.starts(with: [0xEF, 0xBB, 0xBF]) { output.removeFirst(3) }
        return Result(text: String(decoding: output, as: UTF8.self), invalidBytes: invalid)
    }

    /// Runs one iconv call into `chunk` and appends what it produced to `output`.
    private static func convertChunk(
        _ handle: iconv_t?, _ inPointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ inLeft: UnsafeMutablePointer<Int>?, _ chunk: inout [UInt8], _ output: inout [UInt8]
    ) -> (Int, Int32) {
        chunk.withUnsafeMutableBufferPointer { outBuffer in
            var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var outLeft = outBuffer.count
            let status = iconv(handle, inPointer, inLeft, &outPointer, &outLeft)
            let err = errno
            let produced = outBuffer.count - outLeft
            output.append(contentsOf: UnsafeBufferPointer(rebasing: outBuffer[0..<produced]))
            return (status == size_t.max ? -1 : Int(status), err)
        }
    }
}
