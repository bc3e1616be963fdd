import Foundation

/// The lead sentences of the reasons a batch's index gives for a letter not written
/// (`index.reasons` in a phrase file). Facts Comity has only in English (the stall engine's
/// advice, the list of missing values with their commands) are quoted as recorded.
public struct SkipReasonPhrases: Sendable {
    let ballWithUs, noLetterStep, cannotProduce, alreadyFollowedUp, followUpNumber: PhrasePattern

    static let kindSlots: Set<String> = ["kind", "kindLowercase"]

    init(_ r: PhraseReader) throws(PhraseProblem) {
        func p(_ key: String, _ slots: Set<String>) throws(PhraseProblem) -> PhrasePattern { try r.pattern("index.reasons.\(key)", slots) }
        ballWithUs = try p("ballWithUs", ["advice"])
        noLetterStep = try p("noLetterStep", ["advice"])
        cannotProduce = try p("cannotProduce", Self.kindSlots.union(["reference", "missing"]))
        alreadyFollowedUp = try p("alreadyFollowedUp", Self.kindSlots.union(["number", "date", "days", "due"]))
        followUpNumber = try p("followUpNumber", ["number"])
    }

    /// `reason` in the words of `phrases`: its dates, day counts and letter titles from the phrase book.
    func text(_ reason: SkipReason, _ phrases: Phrasebook) -> String {
        func kind(_ kind: EscalationStep) -> [String: String] {
            let title = phrases.title(.escalation(kind))
            return ["kind": title, "kindLowercase": title.lowercased(with: Locale(identifier: phrases.language.rawValue))]
        }
        switch reason {
        case .ballWithUs(let advice):
            return ballWithUs.fill(["advice": advice])
        case .noLetterStep(let advice):
            return noLetterStep.fill(["advice": advice])
        case .cannotProduce(let k, let reference, let missing):
            return cannotProduce.fill(kind(k).merging(["reference": reference, "missing": missing.joined(separator: SkipReason.missingSeparator)]) { $1 })
        case .alreadyFollowedUp(let k, let number, let date, let interval, let due):
            return alreadyFollowedUp.fill(kind(k).merging([
                "number": number.map { followUpNumber.fill(["number": $0]) } ?? "",
                "date": phrases.date(date), "days": phrases.days(interval), "due": phrases.date(due),
            ]) { $1 })
        }
    }
}
