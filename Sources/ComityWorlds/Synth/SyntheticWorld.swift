@_spi(Worlds) import Comity
import GRDB

/// A deterministic, realistic world for measuring Comity at scale.
///
/// The desk of one state (`ours`, recorded as the setting `our-state`): about 190 parties with
/// their authorities, our embassies, treaties and conventions, our cases, `requests` requests
/// spread over `years` years up to `today` on every channel, with replies of realistic kinds
/// and gaps, the moves they imply, follow-ups, issued letters, engagements and holidays. About
/// `incomingShare` of the requests come to us from a counterpart's authority, under a case of
/// ours, and the replies on them are ours. The same seed gives the same database.
public struct SyntheticWorld: Sendable {
    public var requests: Int
    public var seed: UInt64
    public var today: CalendarDate
    public var years: Int
    /// Issue a real, rendered letter for about one request in `letterEvery`.
    public var letterEvery: Int
    /// The desk's state.
    public var ours: String
    /// The share of requests that come to us rather than go from us.
    public var incomingShare: Double

    public init(requests: Int, seed: UInt64, today: CalendarDate, years: Int = 15, letterEvery: Int = 50,
                ours: String = "JP", incomingShare: Double = 0.1) {
        self.requests = requests
        self.seed = seed
        self.today = today
        self.years = years
        self.letterEvery = letterEvery
        self.ours = ours
        self.incomingShare = incomingShare
    }

    /// What a generated world holds.
    public struct Summary: Codable, Sendable, Equatable {
        public var parties = 0
        public var authorities = 0
        public var bases = 0
        public var cases = 0
        public var requests = 0
        public var openRequests = 0
        public var replies = 0
        public var followUps = 0
        public var letters = 0
        public var engagements = 0
        public var holidays = 0
        public var events = 0
    }
}

extension ComityStore {
    /// Fills an empty database with a synthetic world, in one transaction.
    ///
    /// With a renderer, some follow-ups are issued as real letters into the register; without
    /// one, follow-ups are recorded without letters.
    @_spi(Worlds) public func generate(
        _ world: SyntheticWorld, renderer: DocumentRenderer?, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> SyntheticWorld.Summary {
        guard world.requests >= 1, world.requests <= 10_000_000 else {
            throw .invalid("a synthetic world holds 1 to 10,000,000 requests, not \(world.requests); check --requests")
        }
        guard (1...50).contains(world.years) else {
            throw .invalid("a synthetic world spans 1 to 50 years, not \(world.years); check --years")
        }
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM party")! == 0 else {
                throw ValidationFailure("the database already holds records; a synthetic world is built into a new, empty database, so give --db a new file")
            }
            var builder = try SyntheticBuilder(db, world: world)
            try builder.registry()
            try builder.requests(progress: progress)
            if let renderer { try builder.issueLetters(renderer: renderer) }
            return try builder.finalSummary()
        }
    }
}

extension Desk {
    /// Fills a new store with a synthetic world (see `SyntheticWorld`).
    public func generate(
        _ world: SyntheticWorld, renderer: DocumentRenderer?, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(ComityError) -> SyntheticWorld.Summary {
        try store.generate(world, renderer: renderer, progress: progress)
    }
}
