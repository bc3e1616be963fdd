import Foundation

/// A state, identified by its ISO 3166-1 alpha-2 code.
public struct Party: Hashable, Codable, Sendable {
    public var code: String
    public var name: String
    /// The name a formal letter uses, e.g. "People's Republic of China".
    public var formalName: String

    public init(code: String, name: String, formalName: String) {
        self.code = code
        self.name = name
        self.formalName = formalName
    }

    /// A party with the ISO names for `code`, which must be a real ISO 3166-1 alpha-2 code.
    public init(code: String, name: String? = nil, formalName: String? = nil) throws(ValidationFailure) {
        let upper = try Party.validCode(code)
        let iso = CountryCodes.names(for: upper)!
        self.init(code: upper, name: name ?? iso.short, formalName: formalName ?? iso.formal)
    }

    /// The code in upper case, or a failure naming the code and how to find the right one.
    public static func validCode(_ code: String) throws(ValidationFailure) -> String {
        let upper = code.uppercased()
        guard upper.count == 2, CountryCodes.names(for: upper) != nil else {
            throw ValidationFailure("'\(printable(code))' is not an ISO 3166-1 alpha-2 country code; use two letters such as JP, CN or US")
        }
        return upper
    }
}

/// An office of a party that sends, receives or handles requests.
public struct Authority: Hashable, Codable, Sendable {
    /// A short handle such as `JP-NPA`.
    public var id: String
    public var party: String
    public var name: String
    public var role: AuthorityRole
    /// Where it sits, for the place line of a letter ("Beijing").
    public var city: String?
    /// For an embassy or liaison: the state it is posted to.
    public var postedTo: String?
    /// Who heads it, for the address and signature of letters: "Minister for Foreign Affairs",
    /// "Koichiro Gemba" (in other languages: translations of its head-title and head-name).
    public var head: Head

    public init(id: String, party: String, name: String, role: AuthorityRole, city: String? = nil, postedTo: String? = nil,
                head: Head = Head()) {
        self.id = id
        self.party = party
        self.name = name
        self.role = role
        self.city = city
        self.postedTo = postedTo
        self.head = head
    }

    /// The title and name of an authority's head; either may be unknown.
    public struct Head: Hashable, Codable, Sendable {
        public var title: String?
        public var name: String?

        public init(title: String? = nil, name: String? = nil) {
            self.title = title
            self.name = name
        }
    }
}

extension Authority.Head {
    /// "Minister for Foreign Affairs Koichiro Gemba", or "none recorded".
    public var summary: String {
        let english = [title, name].compactMap { $0 }.joined(separator: " ")
        return english.isEmpty ? "none recorded" : english
    }
}
