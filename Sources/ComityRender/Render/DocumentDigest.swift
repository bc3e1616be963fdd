import Crypto
import Foundation

/// The SHA-256 the register keeps for each document, as 64 lowercase hexadecimal digits.
package enum DocumentDigest {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func sha256(_ text: String) -> String {
        var text = text
        let digest = text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
