/// What libFuzzer hands a target, as the text Comity's parsers take.
public enum FuzzInput {
    /// The bytes as UTF-8 text; invalid sequences become U+FFFD, as when a clerk's file is read leniently.
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }
}
