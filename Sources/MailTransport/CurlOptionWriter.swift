import CCurl

/// Sets libcurl options through the typed shim and remembers the first failure, so a list of options reads as a
/// list and is checked once.
struct CurlOptionWriter {
    let handle: UnsafeMutableRawPointer
    private(set) var firstError = CURLE_OK

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    private mutating func record(_ code: CURLcode) {
        if firstError == CURLE_OK && code != CURLE_OK { firstError = code }
    }

    mutating func set(_ option: CURLoption, _ value: Int) {
        record(ccurl_setopt_long(handle, option, value))
    }

    mutating func set(_ option: CURLoption, offset value: Int) {
        record(ccurl_setopt_off(handle, option, curl_off_t(value)))
    }

    mutating func set(_ option: CURLoption, _ value: String) {
        record(ccurl_setopt_string(handle, option, value))
    }

    mutating func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) {
        record(ccurl_setopt_pointer(handle, option, pointer))
    }

    mutating func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>) {
        record(ccurl_setopt_slist(handle, option, list))
    }

    mutating func set(_ option: CURLoption, write callback: curl_write_callback) {
        record(ccurl_setopt_write_function(handle, option, callback))
    }

    mutating func set(read callback: curl_read_callback) {
        record(ccurl_setopt_read_function(handle, callback))
    }

    mutating func set(debug callback: curl_debug_callback?) {
        record(ccurl_setopt_debug_function(handle, callback))
    }
}
