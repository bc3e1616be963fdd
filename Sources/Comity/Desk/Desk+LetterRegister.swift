/// The register of every issued letter, as the shared desk lists it.
extension Desk {
    /// The newest `limit` letters of every request the clerk may see; the letters above the
    /// clearance, or about a request above it, are left out and only counted.
    public func letterRegister(limit: Int = 500) throws(ComityError) -> LetterRegister {
        try store.letterRegister(limit: limit, clearance: clearance)
    }
}
