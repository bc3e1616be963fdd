/// What a signed-in person may do, each role including the one before it.
///
/// - clerk: records requests, replies, follow-ups, engagements and corrections;
/// - supervisor: also issues letters, imports files and changes settings;
/// - administrator: also manages the accounts of others.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case clerk, supervisor, administrator

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The roles as a command line lists them.
    public static let choices = allCases.map(\.rawValue).joined(separator: ", ")

    /// Reads a role typed by a person, in any case.
    public static func parse(_ text: String) throws(ValidationFailure) -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw ValidationFailure("'\(printable(text))' is not a role; use one of \(choices)", field: "role")
        }
        return role
    }
}

/// Something only some roles may do, named as a refusal says it.
public enum Permission: Sendable, Equatable {
    /// Recording and correcting records.
    case record
    /// Issuing letters (recording them in the register).
    case issueLetters
    /// Changing settings and holiday calendars.
    case changeSettings
    /// Importing a file.
    case importRecords
    /// Adding, changing and disabling accounts.
    case manageUsers

    /// The least role that has it.
    public var role: Role {
        switch self {
        case .record: return .clerk
        case .issueLetters, .changeSettings, .importRecords: return .supervisor
        case .manageUsers: return .administrator
        }
    }

    /// What it lets one do, after "only a supervisor may …".
    public var action: String {
        switch self {
        case .record: return "record"
        case .issueLetters: return "issue letters"
        case .changeSettings: return "change settings"
        case .importRecords: return "import files"
        case .manageUsers: return "manage accounts"
        }
    }
}

extension Role {
    public func may(_ permission: Permission) -> Bool { self >= permission.role }
}
