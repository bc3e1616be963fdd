/// A language letters are written in, named by its BCP 47 tag (`en`, `ja`, `zh-Hans`).
///
/// A language is data: the folder `templates/<tag>/` holds its letter templates and its phrase
/// file, `phrases.json` (a `Phrasebook`). Any tag whose folder and phrase file exist can be
/// used; the tag alone is stored with a letter and exported.
///
///     let french = try LetterLanguage(tag: "fr")
///     french.rawValue   // "fr"
public struct LetterLanguage: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// A well-formed tag: letters, digits and hyphens, starting with a language subtag of 2–8 letters.
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Refuses text that is no language tag, in one sentence.
    public init(tag: String) throws(ValidationFailure) {
        guard let language = Self(rawValue: tag) else {
            throw ValidationFailure("'\(printable(tag))' is not a language tag; write it as BCP 47 does, e.g. en, ja or zh-Hans")
        }
        self = language
    }

    public var description: String { rawValue }

    public static let en = LetterLanguage(rawValue: "en")!
    public static let ja = LetterLanguage(rawValue: "ja")!

    static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy(\.isASCIILetter) else { return false }
        return tag.count <= 35 && parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) }
        }
    }
}

private extension Character {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
