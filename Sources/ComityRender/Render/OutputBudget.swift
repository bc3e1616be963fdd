/// How much one render may still write, so a template cannot fill memory however it repeats.
///
/// A document may have 16 MB (`limit`), or eight bytes for each byte of its data when that is
/// more (`dataFactor`): a stall report over a large world is large (about as large as its
/// data), but a template that repeats a list inside the same list is stopped. swift-mustache gives no hook into the text it
/// writes, so the render is charged as it goes, with figures worked out when the templates
/// were loaded: the template's own text up front (`TemplatePlans.Plan.once`), each value as it is
/// written, and each item a section repeats for at the most its body writes (`SectionCosts`).
/// That is never less than what is written; once the budget is spent, sections stop repeating
/// and values are left empty, and the render is refused.
struct OutputBudget {
    /// The most any document may have, whatever its data: 16 MB, sixteen times the largest template.
    static let limit = 16 << 20
    /// How many bytes a document may have for each byte of its data, when that allows more than `limit`.
    static let dataFactor = 8

    private var remaining: Int
    private let scale: Int
    private let costs: SectionCosts
    /// The data rendered, weighed only if the fixed limit runs out.
    private let data: TemplateValue
    private var weighed = false
    /// The limit in force: `limit`, or more once the data is weighed.
    private(set) var current = OutputBudget.limit
    /// Whether the budget ran out, and the name of the section being repeated then ("" for one without a name).
    private(set) var exhausted = false
    private(set) var section: String?

    /// What has been charged so far.
    var spent: Int { current - remaining }

    init(plan: TemplatePlans.Plan, costs: SectionCosts, data: TemplateValue) {
        remaining = Self.limit - plan.once
        scale = plan.scale
        self.costs = costs
        self.data = data
    }

    /// Charges one item of the section whose value is found under `key`; false once spent.
    mutating func repeatSection(_ key: String) -> Bool {
        guard spend(costs[key]) else {
            if section == nil { section = key }
            return false
        }
        return true
    }

    /// Charges `bytes` of a value written; false once spent.
    mutating func spend(_ bytes: Int) -> Bool {
        guard !exhausted else { return false }
        remaining -= TemplatePlans.times(bytes, scale)
        if remaining >= 0 { return true }
        if !weighed {
            weighed = true
            let allowed = TemplatePlans.times(data.weight, Self.dataFactor)
            if allowed > Self.limit {
                current = allowed
                remaining = TemplatePlans.plus(remaining, allowed - Self.limit)
                if remaining >= 0 { return true }
            }
        }
        exhausted = true
        return false
    }
}

extension TemplateValue {
    /// Roughly the bytes the value holds: its text, and a few for each number, flag, list and field.
    var weight: Int {
        switch self {
        case .text(let string): return string.utf8.count
        case .number, .flag: return 8
        case .list(let items): return items.reduce(8) { TemplatePlans.plus($0, $1.weight) }
        case .object(let fields): return fields.reduce(8) { TemplatePlans.plus($0, TemplatePlans.plus($1.key.utf8.count, $1.value.weight)) }
        }
    }
}
