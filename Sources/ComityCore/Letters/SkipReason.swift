/// Why a batch wrote no letter for a stalled request: what kind of reason, with its facts.
///
/// The batch's index words it in the batch's language (`index.reasons` in the phrase file);
/// `description` is the English sentence the command line prints.
///
///     SkipReason.ballWithUs(advice: "send the further information …").description
///     // "the ball is with us: send the further information …"
public enum SkipReason: Sendable, Equatable, CustomStringConvertible {
    /// The next step is ours; `advice` is the stall engine's next step, in English.
    case ballWithUs(advice: String)
    /// The next step is no letter (a meeting, say); `advice` is the stall engine's next step, in English.
    case noLetterStep(advice: String)
    /// The letter of `kind` for `reference` needs values that are not recorded: each a sentence,
    /// in English, naming the `comity …` command that records it.
    case cannotProduce(kind: EscalationStep, reference: String, missing: [String])
    /// A letter of `kind` (`number`, when issued) went on `date`, within the follow-up interval
    /// of `interval` days: the next is due on `due`.
    case alreadyFollowedUp(kind: EscalationStep, number: String?, date: CalendarDate, interval: Int, due: CalendarDate)

    /// How the values of the missing list are joined, in every language (they are English sentences).
    public static let missingSeparator = "; "

    public var description: String {
        switch self {
        case .ballWithUs(let advice):
            return "the ball is with us: \(advice)"
        case .noLetterStep(let advice):
            return "no letter is the next step: \(advice)"
        case .cannotProduce(let kind, let reference, let missing):
            return "cannot produce the \(kind.title.lowercased()) for \(reference); missing: " + missing.joined(separator: Self.missingSeparator)
        case .alreadyFollowedUp(let kind, let number, let date, let interval, let due):
            let numbered = number.map { "\($0) " } ?? ""
            return "already followed up: \(kind.title.lowercased()) \(numbered)of \(date.iso), within the follow-up interval of \(dayCount(interval)); the next is due on \(due.iso)"
        }
    }
}
