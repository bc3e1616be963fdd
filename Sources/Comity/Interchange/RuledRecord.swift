/// A stored record that the rules of its kind can judge on its own, so `check` holds what is
/// stored to the same rules as the add commands and import. (A legal basis is judged with its
/// parties, which are rows of their own, so by the add command and import alone.)
protocol RuledRecord {
    /// Every rule the record breaks; `today` is the checking clerk's, for the rules about dates.
    func ruleProblems(today: CalendarDate) -> [ValidationFailure]
}

extension Party: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
extension Authority: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
extension Case: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension Request: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension Reply: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension FollowUp: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension Engagement: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
extension EngagementOutcome: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension Event: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems(today: today) } }
extension HolidayEntry: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
extension User: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
extension StoredSetting: RuledRecord { func ruleProblems(today: CalendarDate) -> [ValidationFailure] { problems() } }
