@_spi(Worlds) import Comity

/// A request China sent Japan in the period of the MHI story, so the brief before Prime
/// Minister Noda's visit shows both directions.
///
/// No request China sent Japan in late 2011 is public: every value of this case and request
/// is a stand-in, invented for the demo and marked so in each record's note.
extension DemoWorld {
    public static let incomingRequest = "JP-IN-2011-001"
    static let incomingCase = "CN-FRAUD-2011"
    static let incomingNote = "Invented for the demo: no request China sent Japan in 2011 is public. Every value of this case and request is a stand-in, recorded so that the brief shows both directions."

    static func loadIncoming(_ store: ComityStore, _ on: (String) -> Clerk) throws(ComityError) {
        try store.addCase(Case(
            id: incomingCase, title: "Assistance to China: fraud investigated by the Ministry of Public Security (stand-in)",
            leadAuthority: "JP-NPA", offence: "Fraud (as China's request describes it; stand-in)",
            incident: nil, discovered: reported("2011-11-07"), classification: .restricted,
            note: "Our file on China's request, opened the day it was received (stand-in 2011-11-07). " + incomingNote),
            by: on("2011-11-07"))
        try store.addRequest(Request(
            reference: incomingRequest, caseID: incomingCase, fromAuthority: "CN-MPS", toAuthority: "JP-NPSC",
            channel: .centralAuthority, basisID: "JP-CN-MLAT",
            subject: "Subscriber records of Japanese accounts used in a fraud under investigation in China (stand-in)",
            items: [
                "Provide the subscriber information of the accounts listed in the request",
                "Provide the access records of those accounts from June to August 2011",
            ],
            urgency: .routine, classification: .restricted, sentDate: date("2011-11-07"),
            counterpartReference: "MPS-2011-1107",
            note: "Received 2011-11-07 under China's reference MPS-2011-1107 (both stand-ins). " + incomingNote),
            by: on("2011-11-07"))
        try store.addReply(Reply(
            requestReference: incomingRequest, date: date("2011-11-11"), fromAuthority: "JP-NPSC", kind: .acknowledgement,
            summary: "The request has been passed to the National Police Agency for execution (stand-in).",
            classification: .restricted),
            by: on("2011-11-11"))
    }
}
