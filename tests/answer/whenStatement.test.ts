// /when ranks the sentence that states the event asked (its verb and what the verb reaches, in one clause, as the
// question puts it: a state that ended, a place it went to) above sentences that only hold the same words: a remark
// about it, the same verb reaching elsewhere, the event only supposed. Articles and questions are invented.
import { describe, expect, it } from "vitest";
import { answersOver } from "../support/extractedAnswers.ts";

const answers = answersOver({
  tram: {
    title: "Harbourton's tram line is here to stay",
    published: "2023-11-14",
    text:
      "HARBOURTON — At the council's closing session here, the councillors decided, as clerk Anna Velde put it, " +
      '"The view of the chamber is that the Quay tram line is no longer provisional — it is now a permanent part of the network." ' +
      "The line opened in 2019. " +
      'At the regional transport fair in 2022, the mayor had said, "I think the Quay tram line is becoming part of the town, and it is no longer just a provisional thing." ' +
      "Printed timetables for the Fenmoor bus were provisional in 2019.",
  },
  canal: {
    title: "Wrenfield canal toolkit",
    published: "2024-05-02",
    text:
      "In 2020 volunteers merged the Wrenfield lock drivers into the staging branch. " +
      "The Wrenfield lock drivers went through six reviews before finally being merged for the Tolbrook 4.2 release in 2022. " +
      "The canal software runs every lock. The canal software is free. " +
      "The Brinn council could close the Elm Street depot on Monday, the board said. " +
      "In 2021, after a long vote and two appeals, the Brinn council closed the Elm Street depot.",
  },
  ferry: {
    title: "Ferry pilot ends",
    published: "2024-03-08",
    text:
      "OSTERVALE — The county board decided on Tuesday that the Ostervale ferry trial is over and the crossing is no longer experimental. " +
      "At a meeting in 2021, a board member had said the Ostervale ferry was an experimental service that was becoming part of island life, and that it should stay.",
  },
  night: {
    title: "Lindholm night ferry stays",
    published: "2024-06-11",
    text:
      "LINDHOLM — The harbour board decided that the Lindholm night ferry is no longer temporary. " +
      'At a forum in 2020, a board member had said, "I think the Lindholm night ferry is becoming part of the island, and it is no longer just a temporary thing."',
  },
});
const first = (q: string) => answers.when(q).events[0];

describe("when: a state that ended, however the question words it", () => {
  it("cites the decision, not an earlier remark holding the same words", () => {
    for (const q of ["when did the Quay tram line become non-provisional", "when was the Quay tram line no longer provisional", "Quay tram line provisional label removed"]) {
      expect(first(q)?.text, q).toContain("councillors decided");
      expect(first(q)?.date, q).toBe("2023-11-14");
    }
  });

  it("answers with the decision as reported by its dateline's article when it has no date, not with the remark's date", () => {
    const a = answers.when("when did the Lindholm night ferry become non-temporary");
    expect(a.events).toEqual([]);
    expect(a.reported?.[0]?.text).toContain("harbour board decided");
    expect(a.reported?.[0]?.source.published).toBe("2024-06-11");
  });

  it("takes a removal in the question for a denial in the sentence ('status ended' is 'no longer experimental')", () => {
    expect(first("Ostervale ferry experimental status ended")?.date).toBe("2024-03-05");
    expect(first("Ostervale ferry no longer experimental")?.date).toBe("2024-03-05");
  });

  it("does not answer an ended state with a sentence that asserts it", () => {
    // The 2019 sentence holds every word: it says the timetables were provisional, not that they stopped being so.
    const a = answers.when("Fenmoor bus timetables no longer provisional");
    expect(a.events).toEqual([]);
    expect(a.nearest?.[0]?.date).toBe("2019");
  });
});

describe("when: the verb and what it reaches", () => {
  it("ranks the merge into what was asked above the same verb reaching elsewhere", () => {
    // Neither sentence names the canal software: the one that merges them elsewhere tells of another step.
    expect(first("Wrenfield lock drivers merged into the canal software")?.date).toBe("2022");
  });

  it("ranks the event that happened above the same event told only as supposed ('could close')", () => {
    expect(first("Brinn council closed the Elm Street depot")?.date).toBe("2021");
  });
});

describe("when: questions the corpus does not cover", () => {
  it("answers no dated event, with the nearest events offered", () => {
    const a = answers.when("when did the Quay tram line become free of charge");
    expect(a.events).toEqual([]);
    expect(a.nearest?.length).toBeGreaterThan(0);
  });
});
