extension Desk {
    /// The follow-ups recorded on a request, oldest first, each with the number a correction
    /// names; a request above the clearance is refused by its reference alone.
    public func followUps(of reference: String) throws(ComityError) -> [FollowUp] {
        _ = try request(reference)
        return try store.followUps(of: reference)
    }
}
