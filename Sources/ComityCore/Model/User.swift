/// A person who signs in to the shared desk: their account name, the name shown, what they
/// may do and the highest level they may see. The password is kept by the store as a hash only.
public struct User: Codable, Sendable, Hashable {
    /// The account name typed at sign-in (lower-case letters, digits, '.', '_' and '-').
    public var name: String
    /// The name shown on pages and in the history.
    public var displayName: String
    public var role: Role
    /// The highest classification the person may see or change; set by an administrator only.
    public var clearance: Classification
    /// A disabled account cannot sign in; its history stays.
    public var disabled: Bool

    public init(name: String, displayName: String, role: Role, clearance: Classification, disabled: Bool = false) {
        self.name = name
        self.displayName = displayName
        self.role = role
        self.clearance = clearance
        self.disabled = disabled
    }

    /// Every rule the account breaks, each with its field.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.add(Self.nameProblem(name))
        check.text(displayName, Self.displayNameRule)
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    static let nameLimit = 32
    static let displayNameRule = TextRule("display name", column: "display_name", limit: 100)

    /// An account name: 2 to 32 lower-case ASCII letters, digits, '.', '_' or '-', starting with a letter.
    static func nameProblem(_ name: String) -> ValidationFailure? {
        let bytes = Array(name.utf8)
        let allowed = bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): return true
            default: return false
            }
        }
        guard (2...nameLimit).contains(bytes.count), allowed, let first = bytes.first,
              (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return ValidationFailure(
                "'\(printable(name))' is not a valid account name; use 2 to \(nameLimit) lower-case letters, digits, '.', '_' or '-', starting with a letter",
                field: "name")
        }
        return nil
    }
}

/// The rules a new password keeps.
public enum PasswordRule {
    public static let minimum = 12
    /// bcrypt reads 72 bytes at most; a longer password would be cut without a word.
    public static let maximumBytes = 72

    public static func check(_ password: String) throws(ValidationFailure) {
        guard password.count >= minimum else {
            throw ValidationFailure("the password must be at least \(minimum) characters long; choose a longer one, a phrase of several words works well", field: "password")
        }
        guard password.utf8.count <= maximumBytes else {
            throw ValidationFailure("the password must be at most \(maximumBytes) bytes long (fewer for non-Latin letters); choose a shorter one", field: "password")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ValidationFailure("the password cannot hold control characters; type it again", field: "password")
        }
    }
}
