/// What every template may write and how deep it recurses, worked out from the partial graph
/// once, when the folder is loaded, so that a render costs no more than before.
///
/// swift-mustache follows partials as it renders, without limit: a partial that includes itself
/// recurses until the stack overflows, and partials that each include the next twice multiply
/// their text. So a template is refused, before anything is rendered, when its partials loop,
/// nest deeper than `maximumPartialDepth`, nest with its sections deeper than
/// `TemplateShape.maximumNesting`, or would write more than `OutputBudget.limit` bytes in a
/// single pass, before a value is filled in or a section repeats. What repeats with the data
/// is bounded while rendering, by `OutputBudget`, with the costs worked out here.
struct TemplatePlans: Sendable {
    /// How many partials may be included one inside another, below the rendered template.
    static let maximumPartialDepth = 16

    /// Why a template cannot be rendered, for those that cannot.
    let problems: [String: RenderError]
    /// What each template writes by itself, once, and its multiplier for indentation.
    let plans: [String: Plan]
    /// What a repeating section writes per item, by the name its value is found under.
    let costs: SectionCosts

    struct Plan: Sendable {
        /// Bytes of text the template and its partials write outside repeating sections.
        let once: Int
        /// 1 + the most blanks swift-mustache may put before each piece written (an indented
        /// partial indents each piece its output is made of).
        let scale: Int
    }

    /// What one template, with its partials, amounts to; only for templates whose partials do not loop.
    private struct Figures {
        /// Partials included one inside another, at most.
        var depth = 0
        /// Sections and partials open one inside another, at most.
        var nesting = 0
        /// Blanks of indentation that add up along a chain of partials, at most.
        var indentation = 0
        /// Text written outside repeating sections.
        var once = 0
        /// The most text one pass writes: the template's own, or one item of one of its sections, or a partial's.
        var heaviest = 0
    }

    init(_ tags: [String: TemplateTags]) {
        let names = tags.keys.sorted()
        // Worked out leaves first: a template once every partial it includes is done. Templates
        // left over include themselves, directly or through others, or include one that does.
        var waiting: [String: Int] = [:]
        var includers: [String: [String]] = [:]
        for name in names {
            let children = Set(tags[name]!.partials.map(\.name)).filter { tags[$0] != nil }
            waiting[name] = children.count
            for child in children { includers[child, default: []].append(name) }
        }
        var ready = names.filter { waiting[$0] == 0 }
        var figures: [String: Figures] = [:]
        while let name = ready.popLast() {
            figures[name] = Self.figures(of: tags[name]!.shape, given: figures)
            for includer in includers[name] ?? [] {
                waiting[includer]! -= 1
                if waiting[includer] == 0 { ready.append(includer) }
            }
        }

        var costs: [String: Int] = [:]
        for (name, figure) in figures where figure.depth <= Self.maximumPartialDepth {
            for region in tags[name]!.shape.regions.dropFirst() {
                costs[region.key!] = max(costs[region.key!] ?? 0, Self.cost(of: region, given: figures))
            }
        }
        self.costs = SectionCosts(costs)

        var problems: [String: RenderError] = [:]
        var plans: [String: Plan] = [:]
        for name in names {
            guard let figure = figures[name] else {
                problems[name] = .partialLoop(template: name, chain: Self.loop(from: name, tags: tags, figures: figures))
                continue
            }
            let scale = 1 + figure.indentation
            // Each chain follows, from the template down, the partial its figure comes from.
            func chain(_ leads: (_ child: Figures, _ include: TemplateShape.Include, _ includer: Figures) -> Bool) -> [String] {
                Self.chain(from: name, tags: tags, figures: figures, leads: leads)
            }
            if figure.depth > Self.maximumPartialDepth {
                problems[name] = .partialsTooDeep(template: name, chain: chain { child, _, includer in child.depth + 1 == includer.depth },
                                                  limit: Self.maximumPartialDepth)
            } else if figure.nesting > TemplateShape.maximumNesting {
                problems[name] = .nestedTooDeep(template: name, chain: chain { child, include, includer in
                    include.depth + 1 + child.nesting == includer.nesting
                }, depth: figure.nesting, limit: TemplateShape.maximumNesting)
            } else if Self.times(figure.heaviest, scale) > OutputBudget.limit {
                // Down the partials that carry the most text.
                problems[name] = .expandsTooFar(template: name, chain: chain { child, _, includer in
                    Self.times(child.heaviest, 4) >= includer.heaviest
                }, bytes: Self.times(figure.heaviest, scale), limit: OutputBudget.limit)
            }
            plans[name] = Plan(once: Self.times(figure.once, scale), scale: scale)
        }
        self.problems = problems
        self.plans = plans
    }

    private static func figures(of shape: TemplateShape, given done: [String: Figures]) -> Figures {
        var result = Figures(nesting: shape.deepestSection)
        for (index, region) in shape.regions.enumerated() {
            let cost = cost(of: region, given: done)
            result.heaviest = max(result.heaviest, cost)
            if index == 0 { result.once = cost }
            for include in region.includes {
                guard let child = done[include.name] else { continue } // a missing partial is refused on its own
                result.depth = max(result.depth, child.depth + 1)
                result.nesting = max(result.nesting, include.depth + 1 + child.nesting)
                result.indentation = max(result.indentation, plus(include.indentation, child.indentation))
                result.heaviest = max(result.heaviest, child.heaviest)
            }
        }
        return result
    }

    /// The text a region writes each time, with what its partials write outside their own sections.
    private static func cost(of region: TemplateShape.Region, given done: [String: Figures]) -> Int {
        region.includes.reduce(region.text) { plus($0, done[$1.name]?.once ?? 0) }
    }

    /// From `name`, the first partial that leads into a loop, then the next, until one comes round again.
    private static func loop(from name: String, tags: [String: TemplateTags], figures: [String: Figures]) -> [String] {
        var chain = [name]
        var seen: Set<String> = [name]
        while let next = tags[chain.last!]!.partials.first(where: { tags[$0.name] != nil && figures[$0.name] == nil }) {
            chain.append(next.name)
            guard seen.insert(next.name).inserted else { break }
        }
        return chain
    }

    /// From `name`, the partials that `leads` picks out, one inside the other (at most 64 names).
    private static func chain(from name: String, tags: [String: TemplateTags], figures: [String: Figures],
                              leads: (Figures, TemplateShape.Include, Figures) -> Bool) -> [String] {
        var chain = [name]
        while chain.count < 64, let includer = figures[chain.last!],
              let next = tags[chain.last!]!.shape.regions.lazy.flatMap(\.includes).first(where: { include in
                  figures[include.name].map { leads($0, include, includer) } ?? false
              }) {
            chain.append(next.name)
        }
        return chain
    }

    static func plus(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    static func times(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}

/// What one item of a repeating section may write, by the name the section's value is found
/// under; a name no section has (a transform's result) may write as much as the largest.
struct SectionCosts: Sendable {
    private let byKey: [String: Int]
    private let largest: Int

    init(_ costs: [String: Int]) {
        // `{{#.}}` repeats whatever value is current, found under any name, so every name may cost as much.
        let anyName = costs[""] ?? 0
        byKey = costs.mapValues { max($0, anyName) }
        largest = costs.values.max() ?? 0
    }

    subscript(key: String) -> Int { byKey[key] ?? largest }
}
