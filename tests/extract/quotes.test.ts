import { describe, expect, it } from "vitest";
import { extractPeople } from "../../src/extract/people/index.ts";
import { extractQuoted, extractQuotes } from "../../src/extract/quotes/index.ts";
import type { ArticlePeople, ArticleText } from "../../src/extract/types.ts";
import { articleText } from "../support/articles.ts";

const NO_PEOPLE: ArticlePeople = { people: [], mentions: [], roles: [], resolve: () => null };

const article = (raw: string): ArticleText => articleText(raw, { normalise: "characters" });

/** [speaker, text] of every quote, with the people the people extractor finds (the pipeline's one name detector). */
function quotes(raw: string): [string | null, string][] {
  const a = article(raw);
  return extractQuotes(a, extractPeople(a)).map((q) => [q.speaker, q.text]);
}

describe("extractQuotes: attribution around the quote", () => {
  it("reads 'X said' after the quote and drops the comma left inside the marks", () => {
    expect(quotes('"We will open the new line in spring," Anna Keller said on Monday.')).toEqual([
      ["Anna Keller", "We will open the new line in spring"],
    ]);
  });

  it("reads 'said X' with a title and an apposition, keeping only the name", () => {
    expect(quotes('"The budget is not negotiable," said Sen. Maria Lopez (D-N.M.), the chair of the committee.')).toEqual([
      ["Maria Lopez", "The budget is not negotiable"],
    ]);
  });

  it("reads 'X, a ..., said' with the apposition between name and cue", () => {
    expect(quotes('"Nobody asked the residents," Tom Baker, a spokesman for the tenants\' union, said.')).toEqual([
      ["Tom Baker", "Nobody asked the residents"],
    ]);
  });

  it("reads an attribution before the quote and 'according to X'", () => {
    expect(quotes('Paula Grant told reporters: "The plant will close in June."')).toEqual([["Paula Grant", "The plant will close in June."]]);
    expect(quotes('According to Omar Haddad, "The figures were never audited."')).toEqual([["Omar Haddad", "The figures were never audited."]]);
  });

  it("names the speaker of 'Mr. X of the Y' as X, not the organisation", () => {
    expect(quotes('"It was the least bad outcome," said Mr. Morgan of the Sierra Club.')).toEqual([["Morgan", "It was the least bad outcome"]]);
  });

  it("gives a surname-only attribution the full name introduced earlier", () => {
    const text = 'Linda Park runs the food bank on Elm Street.\n\n"Demand has doubled since March," Park said.';
    expect(quotes(text)).toEqual([["Linda Park", "Demand has doubled since March"]]);
  });
});

describe("extractQuotes: split quotes and follow-ups", () => {
  it("keeps each part of a quote split by its attribution, both with its speaker (seed sentence)", () => {
    const text =
      "\u201CFor me, it was certainly very difficult,\u201D Ojeda acknowledged, \u201CBut looking at it positively, this might indeed be the darkest hour before the dawn.\u201D";
    expect(quotes(text)).toEqual([
      ["Ojeda", "For me, it was certainly very difficult"],
      ["Ojeda", "But looking at it positively, this might indeed be the darkest hour before the dawn."],
    ]);
  });

  it("gives an unattributed quote sentence the speaker of the quote just before it", () => {
    const text = '"We were not consulted," said Maria Lopez. "Nobody called us before the vote."';
    expect(quotes(text)).toEqual([
      ["Maria Lopez", "We were not consulted"],
      ["Maria Lopez", "Nobody called us before the vote."],
    ]);
  });

  it("continues a quote into the next paragraph with the same speaker", () => {
    const text = '"The trains are full every morning," said Anna Keller.\n\n"We need longer platforms before we need new lines."';
    expect(quotes(text).map((q) => q[0])).toEqual(["Anna Keller", "Anna Keller"]);
  });
});

describe("extractQuotes: pronouns", () => {
  it("resolves 'He replied' to the person the previous sentence is about (seed sentence)", () => {
    const text =
      "That doesn't work for Christoph Hellwig, either. He replied, \u201CI also do not want another maintainer. If you want to make Linux impossible to maintain due to a cross-language codebase, do that in your driver.\u201D";
    const [q] = quotes(text);
    expect(q?.[0]).toBe("Christoph Hellwig");
    expect(q?.[1]).toMatch(/^I also do not want another maintainer/);
  });

  it("resolves 'she said' to the compatible person, not the nearest man", () => {
    const text = 'Mary Olson met John Reyes at the depot. "The contract is signed," she said.';
    expect(quotes(text)).toEqual([["Mary Olson", "The contract is signed"]]);
  });

  it("learns a person's gender from the pronouns that follow their name", () => {
    const text =
      'Kalinda Okafor met Ravi Chen on Friday. Okafor said her campaign would go on. Chen said his team agreed, and Chen added that his board did too. Chen left early. "We will keep going," she said.';
    expect(quotes(text)).toEqual([["Kalinda Okafor", "We will keep going"]]);
  });

  it("prefers a name before the quote to a pronoun after it", () => {
    const text = 'Anna Keller met the mayor, Paul Ortega, on Monday. Mr Ortega told the radio: "We are not sorry," he said.';
    expect(quotes(text)).toEqual([["Paul Ortega", "We are not sorry"]]);
  });

  it("prefers the previous quote's speaker for 'he said'", () => {
    const text = '"We are ready," said Mr. Daniel Ruiz. The council met in the evening. "The vote will pass," he said.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Daniel Ruiz", "Daniel Ruiz"]);
  });
});

describe("extractQuotes: block quotes without marks", () => {
  it("takes the paragraphs after 'X, a ..., said:' up to narrative again, keeping a [...] line (seed text)", () => {
    const text = [
      "Several respondents were less restrained. Josef Bacik, a maintainer for Btrfs and the block device I/O controller, said:",
      "I've been working exclusively in Rust for the last 3 months, and I don't ever want to go back to C based development again.",
      "[...]",
      "I wish Rust were more successful in the linux kernel, and it will be eventually.",
      "The quotes Ojeda gathered expressed a lot of thoughtful, nuanced opinions on the future of the project.",
    ].join("\n");
    const found = quotes(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe("Josef Bacik");
    expect(found[0]?.[1]).toMatch(/^I've been working exclusively in Rust/);
    expect(found[0]?.[1]).toContain("[...]");
    expect(found[0]?.[1]).toMatch(/it will be eventually\.$/);
  });

  it("takes a first-person paragraph after a sentence about a named person ending in a colon", () => {
    const text = [
      "Wolfram Sang, who maintains many I2C drivers, also expressed concerns about the difficulty of learning Rust:",
      "I am really open to including Rust. Yet personally, I have zero bandwidth to learn it.",
      "This left him with concerns around reviewing Rust code.",
    ].join("\n");
    expect(quotes(text)).toEqual([["Wolfram Sang", "I am really open to including Rust. Yet personally, I have zero bandwidth to learn it."]]);
  });

  it("does not take a code listing after a colon as a quote", () => {
    const text = "He put up a piece of example code in C, asking whether the function did what the comment describes:\n/// Returns whether a equals b\nbool f(int *a, int *b) {\nreturn *a == 42;\n}";
    expect(quotes(text)).toEqual([]);
  });
});

describe("extractQuotes: offsets and the people extractor", () => {
  it("reports offsets from the opening to the closing mark and the sentence the quote starts in", () => {
    const a = articleText('The mayor spoke first. "We will rebuild the bridge," said Anna Keller.', { normalise: "characters" });
    const [q] = extractQuotes(a, NO_PEOPLE);
    expect(a.text.slice(q?.start, q?.end)).toBe('"We will rebuild the bridge,"');
    expect(q?.sentence).toBe(1);
  });

  it("still names the speaker when the people extractor is used", () => {
    const text = 'Dan Williams works on the kernel at Intel.\n\n"Kernel maintainers tend to be very conservative," Williams said.';
    const [q] = quotes(text);
    expect(q?.[0]).toMatch(/Williams$/);
  });
});

describe("extractQuotes: attribution shapes seen in wire copy", () => {
  it("keeps initials and honorifics straight: 'said Ronald R. Fieldstone', 'Mr. King said'", () => {
    expect(quotes('"There is a need for more oversight," said Ronald R. Fieldstone, a Miami lawyer.')).toEqual([
      ["Ronald R. Fieldstone", "There is a need for more oversight"],
    ]);
    expect(quotes('"They pay us a lot of money," Mr. King said.')).toEqual([["King", "They pay us a lot of money"]]);
  });

  it("skips a party-and-state tag between the name and the cue", () => {
    expect(quotes('"Our assumption is that the veto will be overridden," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.')).toEqual([
      ["Mitch McConnell", "Our assumption is that the veto will be overridden"],
    ]);
  });

  it("reads a long apposition that opens with the name", () => {
    const text =
      '"Their strategy is very clear," Michael Fulton, a senior fellow at the Hoover Institution and a former United States ambassador to Norway, said of the network.';
    expect(quotes(text)).toEqual([["Michael Fulton", "Their strategy is very clear"]]);
  });

  it("hands the floor to the subject of a clause ending in a colon", () => {
    expect(quotes('Maria Lopez scolded the board: "You knew about the leak for a year."')).toEqual([
      ["Maria Lopez", "You knew about the leak for a year."],
    ]);
  });

  it("reads a speaker phrase that contains a scare-quoted term", () => {
    const text = 'Barbara Follet, one of the so-called "Blair Babes" elected in 1997, told researchers: "We were treated as a novelty."';
    expect(quotes(text)).toEqual([["Barbara Follet", "We were treated as a novelty."]]);
  });

  it("reads 'said X,' before the quote but not the listener of 'told X,'", () => {
    expect(quotes('In the end, said Mr Hopkins, "The courts are slow to catch up."')).toEqual([["Hopkins", "The courts are slow to catch up."]]);
    expect(quotes('Anna Keller told Reuters, "We are not selling."').map((q) => q[0])).toEqual(["Anna Keller"]);
  });

  it("reads a signature line after a quote", () => {
    expect(quotes('"The most unqualified candidate I have ever seen." \u2015 Carla Mendes')).toEqual([
      ["Carla Mendes", "The most unqualified candidate I have ever seen."],
    ]);
  });

  it("reads the subject of a verb chain before 'to say' and a gerund cue", () => {
    expect(quotes('The debate was so calm that Mr. Ortega was prompted to say, "I cannot believe how civil it has been."')).toEqual([
      ["Ortega", "I cannot believe how civil it has been."],
    ]);
    expect(quotes('Back in 1999, Mr. Ortega praised the mayor, telling a radio host: "I wish I could be like that."')).toEqual([
      ["Ortega", "I wish I could be like that."],
    ]);
  });
});

describe("extractQuotes: who 'he' and 'she' are", () => {
  it("gives a pronoun to the subject of the sentence before, not to the person it addresses", () => {
    const text =
      'Carl Dunmore spent the morning in Ohio. He told Alan Pike that the plan had failed. "This bill lost twice already," he said.';
    expect(quotes(text)).toEqual([["Carl Dunmore", "This bill lost twice already"]]);
  });

  it("gives 'she' to the woman who writes, not to the daughter she writes to", () => {
    const text = 'Donna Reyes emailed her daughter Maria Reyes on Sunday. "Come home for dinner," she wrote.';
    expect(quotes(text)).toEqual([["Donna Reyes", "Come home for dinner"]]);
  });

  it("never gives a pronoun to a place or an event", () => {
    const text = 'Tom Reid toured New Hampshire on Monday. The FedEx Cup drew a crowd in New York. "I love this state," he said.';
    expect(quotes(text)).toEqual([["Tom Reid", "I love this state"]]);
  });
});

describe("extractQuotes: a surname names the family member last named in full", () => {
  it("gives a bare surname to the person most recently introduced with it", () => {
    const text =
      'Walter Brandt opened the bakery in 1961. His daughter, Clara Brandt, has run it since 2010. "We still bake his rye bread every morning," Brandt said.';
    expect(quotes(text)).toEqual([["Clara Brandt", "We still bake his rye bread every morning"]]);
  });

  it("respects Mr. and Mrs.", () => {
    const text =
      'Paul Dorsey and his wife, Helen Dorsey, opened the shelter in May. "It was her idea from the start," Mr. Dorsey said. "He did all the paperwork," Mrs. Dorsey said.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Paul Dorsey", "Helen Dorsey"]);
  });
});

describe("extractQuotes: a speaker named only in the sentence before", () => {
  it("gives a quote with no clause of its own to the person the narrative sentence before is about", () => {
    const text = 'Ms. Okafor describes herself as a reluctant candidate. "Why would I run if nobody else would fix the roads?"';
    expect(quotes(text)).toEqual([["Okafor", "Why would I run if nobody else would fix the roads?"]]);
  });

  it("gives it to the speaker of that sentence's reporting clause", () => {
    const text = 'The storm closed the port for a week, Captain Ruth Ames said.\n\n"We lost every booking we had for the month."';
    expect(quotes(text)).toEqual([["Ruth Ames", "We lost every booking we had for the month."]]);
  });
});

describe("extractQuotes: quotes over several paragraphs", () => {
  it("gives every paragraph of a quote opened after a colon the speaker of the introduction", () => {
    const text = [
      "Mayor Ines Ferraro spoke to the council on Tuesday. Ferraro said:",
      '"The river has flooded three times in ten years.',
      '"We cannot keep rebuilding the same houses on the same banks.',
      '"This time we move them."',
    ].join("\n\n");
    expect(quotes(text).map((q) => q[0])).toEqual(["Ines Ferraro", "Ines Ferraro", "Ines Ferraro"]);
  });

  it("keeps each paragraph when the breaks were lost, and gives them the speaker named at the end", () => {
    const text =
      '"The river has flooded three times in ten years. "We cannot keep rebuilding the same houses. "This time we move them," Mayor Ines Ferraro said.';
    expect(quotes(text)).toEqual([
      ["Ines Ferraro", "The river has flooded three times in ten years."],
      ["Ines Ferraro", "We cannot keep rebuilding the same houses."],
      ["Ines Ferraro", "This time we move them"],
    ]);
  });
});

describe("extractQuotes: attributions beyond 'X said'", () => {
  it("knows speech verbs of every kind from one lexicon", () => {
    const text =
      '"Please reconsider," Anna Keller implored. "What a night," Tom Reid gushed. "Unacceptable," Paul Ortega fumed. "I quit," Ruth Ames blurted out.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Anna Keller", "Tom Reid", "Paul Ortega", "Ruth Ames"]);
  });

  it("reads the transcript layout, with the label before or inside the marks", () => {
    expect(quotes('Mayor Ines Ferraro opened the session. Ferraro: "We will vote today."')).toEqual([["Ines Ferraro", "We will vote today."]]);
    const transcript = 'The hearing went on.\n\n"GRANT: Did you read the report?\n\n"LOWELL: I did not."\n\nSenator Ruth Grant and Paul Lowell left.';
    expect(quotes(transcript)).toEqual([
      ["Ruth Grant", "Did you read the report?"],
      ["Paul Lowell", "I did not."],
    ]);
  });

  it("reads 'said in a statement:' and 'states:' before a quote", () => {
    expect(quotes('Senator Mary Quinn said in a statement: "The vote was a mistake."')).toEqual([["Mary Quinn", "The vote was a mistake."]]);
    expect(quotes('Tom Harlan states: "I will not resign."')).toEqual([["Tom Harlan", "I will not resign."]]);
  });

  it("reads an attribution in a long sentence, after a lower-case title, or around an abbreviation", () => {
    const long =
      '"We will vote today," Ferraro said, echoing the promise she had made at the start of the session three weeks earlier when the budget first reached the council floor.';
    expect(quotes(`Mayor Ines Ferraro spoke. ${long}`)).toEqual([["Ines Ferraro", "We will vote today"]]);
    expect(quotes('"We will miss him," chief executive James Skinner said in a statement.')).toEqual([["James Skinner", "We will miss him"]]);
    expect(quotes('"Rates will fall," said Anna Keller, an economist at Brandt + Partners Inc., on Monday.')).toEqual([["Anna Keller", "Rates will fall"]]);
  });
});

describe("extractQuotes: attributions in wire and web layouts", () => {
  it("reads an attribution sentence that goes on with a participle, after a quote ending in a question mark", () => {
    const text =
      '"Is the bridge safe?" Tom Reid asked. "I am not sure the ferry is ready, but we will see, right?" Anna Keller remarked, alluding to the delays at the "Harbour Line" terminal.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Tom Reid", "Anna Keller"]);
  });

  it("knows the interviewer's verbs: pressed, exhorted", () => {
    const text = '"Would the fee be negotiable?" Tom Reid pressed. "It is time we had a new mayor," exhorted Anna Keller.';
    expect(quotes(text).map((q) => q[0])).toEqual(["Tom Reid", "Anna Keller"]);
  });

  it("gives a gerund the speaker of the words quoted before it in the same sentence", () => {
    const text =
      'Paul Ortega wrote the report. To wit, Anna Keller told the Courier that Ortega "had a reckless plan for the port," adding, "He lost every vote he ever asked for."';
    expect(quotes(text)).toEqual([["Anna Keller", "He lost every vote he ever asked for."]]);
  });

  it("reads a signature line in the paragraph under a quote", () => {
    const text = 'Paul Ortega pushed the bill through the council.\n\n"I will look into it. I will certainly look into it."\n\n- Anna Keller.';
    expect(quotes(text)).toEqual([["Anna Keller", "I will look into it. I will certainly look into it."]]);
  });

  it("keeps an excerpt that opens in lower case but runs over sentences as a quote", () => {
    const text = 'As the Courier\'s Anna Keller wrote, "after the council passed the budget, the mayor resigned. There are many layers here."';
    expect(quotes(text)).toEqual([["Anna Keller", "after the council passed the budget, the mayor resigned. There are many layers here."]]);
  });

  it("reads a writer's name alone before a colon after a heading", () => {
    const text = 'TURNOUT DOESN\'T RISE IN OTHER STATES - Michael P. Dawson: "At long last the count is done, and turnout was high."';
    expect(quotes(text)).toEqual([["Michael P. Dawson", "At long last the count is done, and turnout was high."]]);
  });
});

describe("extractQuotes: described speakers", () => {
  it("links a description to the person the article gives that role", () => {
    const text =
      'Jane Roe, founder of Studiocomix Press, opened a shop in 2010. Tom Reid sells comics across the street. "We doubled our list," says the 39-year-old founder of Studiocomix Press.';
    expect(quotes(text)).toEqual([["Jane Roe", "We doubled our list"]]);
  });

  it("links a definite description to the person the sentence before is about", () => {
    const text =
      'Former transport minister Hugh Marlow criticised the plan on Sunday. "What sort of example does it set?" the Labour MP for Eastfield asked.';
    expect(quotes(text)).toEqual([["Hugh Marlow", "What sort of example does it set?"]]);
  });
});

describe("extractQuoted: fragments of quoted words inside the reporter's sentence", () => {
  const quoted = (raw: string) => {
    const a = article(raw);
    const r = extractQuoted(a, extractPeople(a));
    return { quotes: r.quotes.map((q) => [q.speaker, q.text]), fragments: r.fragments.map((q) => [q.speaker, q.text]) };
  };

  it("keeps a partial quote as a fragment with the speaker of the sentence's reporting clause, not as a quote", () => {
    expect(quoted('Maria Lopez said the plan had reached "a new low" for the council.')).toEqual({
      quotes: [],
      fragments: [["Maria Lopez", "a new low"]],
    });
    expect(quoted('The plan, Lopez said, had risen to "almost religious war undertones."').fragments).toEqual([
      ["Lopez", "almost religious war undertones."],
    ]);
  });

  it("reads words in lower case run on from a clause as a fragment, not a direct quote", () => {
    expect(quoted('Mayor Ruth Ames said "the question is the timing."')).toEqual({ quotes: [], fragments: [["Ruth Ames", "the question is the timing."]] });
  });

  it("gives a framed fragment the person who frames it", () => {
    expect(quoted('What Maria Lopez dubbed a "slow-motion collapse" began in May.').fragments).toEqual([["Maria Lopez", "slow-motion collapse"]]);
    expect(quoted('His first segment involved "a painful chest-waxing incident," long before the film, Mr. Oppenheim noted.').fragments).toEqual([
      ["Oppenheim", "a painful chest-waxing incident"],
    ]);
  });
});
