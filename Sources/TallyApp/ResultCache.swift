import TallyCore

/// The last result of a costly report, kept while the store stays at its generation and the day and the question
/// stay the same: a page opened again, or by someone else, does not compute it again.
actor ResultCache<Question: Hashable & Sendable, Answer: Sendable> {
    private var kept: (generation: Int64, day: Day, question: Question, answer: Answer)?

    /// The kept answer to `question` at this generation and day, or nil.
    func answer(_ question: Question, generation: Int64, day: Day) -> Answer? {
        guard let kept, kept.generation == generation, kept.day == day, kept.question == question else { return nil }
        return kept.answer
    }

    func keep(_ answer: Answer, for question: Question, generation: Int64, day: Day) {
        kept = (generation, day, question, answer)
    }
}
