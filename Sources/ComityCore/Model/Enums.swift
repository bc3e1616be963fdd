/// What an authority does in cross-border cooperation.
public enum AuthorityRole: String, Codable, Sendable, CaseIterable {
    case centralAuthority = "central-authority"
    case foreignMinistry = "foreign-ministry"
    case embassy
    case police
    case policeLiaison = "police-liaison"
    case prosecutor
    case contactPoint = "24-7-contact"
    case interpolBureau = "interpol-bureau"
}

/// The route a request travels.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case centralAuthority = "central-authority"
    case diplomatic
    case police = "police-to-police"
    case interpol
    case network247 = "24-7-network"
    case leader = "leader-level"
}

/// Security classification, ordered from least to most sensitive.
public enum Classification: String, Codable, Sendable, CaseIterable, Comparable {
    case unclassified, restricted, confidential, secret

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The mark printed at the top and bottom of a page, in English.
    public var markEnglish: String { rawValue.uppercased() }

    // A letter prints the mark in its own language: the `marks` of its phrase file.
}

/// How quickly a request needs action.
public enum Urgency: String, Codable, Sendable, CaseIterable {
    case routine, urgent, immediate
}

/// The kind of instrument a legal basis is.
public enum LegalBasisKind: String, Codable, Sendable, CaseIterable {
    case bilateralTreaty = "bilateral-treaty"
    case convention
    case regionalInstrument = "regional-instrument"
    case reciprocity
    case arrangement
}

/// The usual grounds on which a requested state refuses assistance (UN Model Treaty).
public enum RefusalGround: String, Codable, Sendable, CaseIterable {
    case sovereignty = "sovereignty-security-public-order"
    case politicalOffence = "political-offence"
    case dualCriminality = "dual-criminality"
    case discrimination
    case nonConformity = "non-conformity"
    case other
}

/// How senior a meeting with a counterpart is.
public enum EngagementLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case working
    case seniorOfficials = "senior-officials"
    case ministerial
    case leaders

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// `a, b or c`, for messages that list the accepted values.
    public static var choices: String {
        let all = allCases.map(\.rawValue)
        guard all.count > 1 else { return all.joined() }
        return all.dropLast().joined(separator: ", ") + " or " + all.last!
    }

    /// Parses a raw value, or fails with a sentence listing the accepted ones.
    public static func parse(_ text: String, field: String) throws(ValidationFailure) -> Self {
        guard let value = Self(rawValue: text.lowercased()) else {
            throw ValidationFailure("'\(printable(text))' is not a valid \(field); use \(choices)")
        }
        return value
    }
}
