import { describe, expect, it } from "vitest";
import { names } from "./peopleFixture.ts";

// Capitalised phrases that are not people: organisations, products, places, events, headline words.
describe("extractPeople: things that are not people", () => {
  it("skips organisations and products named next to people (seed sentences)", () => {
    expect(
      names(
        "Be that as it may, one maintainer, Asahi Linux lead developer Hector Martin, called on Torvalds to pipe up.",
      ),
    ).toEqual(["Hector Martin"]);
    expect(names("As an alternative, Red Hat engineer and kernel developer Danilo Krummrich offered to help.")).toEqual([
      "Danilo Krummrich",
    ]);
    expect(
      names(
        "By early 2021, Amazon Web Services (AWS) released Bottlerocket Linux for containers, which was partly Rust-based.",
      ),
    ).toEqual([]);
    expect(names("Backed by financial support from the Internet Security Research Group (ISRG) and Google, it went on.")).toEqual(
      [],
    );
    expect(names("Microsoft said the Rust for Linux project and GitHub would both benefit. Debian agreed.")).toEqual([]);
  });

  it("skips events and places", () => {
    expect(names("TOKYO \u2014 At the invitation-only Linux Kernel Maintainers Summit here, the top maintainers decided.")).toEqual(
      [],
    );
    expect(names("At the recent Linux Foundation Open Source Summit Korea 2025, the mood was upbeat.")).toEqual([]);
    expect(names("In the subsequent 2020 Linux Plumbers meeting, a summary was published.")).toEqual([]);
    expect(names("Miguel Ojeda gave a keynote at FOSDEM 2025 about the project.")).toEqual(["Miguel Ojeda"]);
    expect(names("Voters in West Virginia and Sri Lanka were asked.")).toEqual([]);
  });

  it("skips a product name even when it is said to speak, when it keeps modifying nouns", () => {
    const text =
      "The Linux kernel is huge. Linux maintainers are busy. Rust in Linux, explained the summary, is slow. " +
      "Linux code is old. The Linux community agreed.";
    expect(names(text)).toEqual([]);
  });

  it("does not merge a common word into a similar name", () => {
    const text = "Linus Torvalds merged it. The Linux kernel grew. Linux maintainers agreed. Torvalds was pleased.";
    expect(names(text)).toEqual(["Linus Torvalds"]);
  });

  it("skips pronouns, sentence-initial words and headline verbs", () => {
    expect(names("I'd say Rust is here to stay. Despite that, nothing changed.")).toEqual([]);
    expect(names("Rust Goes Mainstream in the Linux Kernel")).toEqual([]);
    expect(names("Give Rust A Chance\n\nThat March, Linus Torvalds decided to give Rust a chance.")).toEqual(["Linus Torvalds"]);
  });

  it("cuts headline words the article writes in lower case out of names", () => {
    const text =
      "Post Exploits Trump Supporter Who Was in a Hospital\n\nDonald Trump met the supporter in Ohio. The supporter said little.";
    expect(names(text)).toEqual(["Donald Trump"]);
  });

  it("skips groups and teams written like names", () => {
    expect(names("The Carolina Panthers won, and Virginia Democrats said they were pleased.")).toEqual([]);
    expect(names("The Charlotte Observer reported that the Steve Harvey Morning Show was cancelled.")).toEqual([]);
  });

  it("does not make a person of a lone capitalised word that speaks for a group", () => {
    expect(names("The Tories said they would cut taxes. Reuters said the deal was done.")).toEqual([]);
    expect(names("Voters in the General Election said little.")).toEqual([]);
  });

  it("skips a capitalised name followed by 'which'", () => {
    expect(names("He activated the 1994 Crime Bill, which prompted his wife to act.")).toEqual([]);
  });

  it("does not take a title alone for a person", () => {
    expect(names("The Vice President said nothing, and the Prime Minister left.")).toEqual([]);
  });
});

describe("extractPeople: organisations, products, vehicles, offices and credits are not people", () => {
  it("skips companies, groups and vehicles named like people", () => {
    expect(names("Apple Computer said sales rose. Lockheed Martin won the contract.")).toEqual([]);
    expect(names("The Adam Air Flight crashed on Monday. The Ku Klux Klan marched.")).toEqual([]);
  });

  it("skips a title that opens with an article ('Los Hijos de ...')", () => {
    expect(names('The show "Los Hijos de Keller" opened in March. Los Hijos de Keller said it would tour.')).toEqual([]);
  });

  it("skips an organisation set off by commas after a role-like word", () => {
    expect(names("Its main supplier, Lockheed Martin, won the contract on Monday.")).toEqual([]);
    expect(names("Its new partner, Lockheed Martin, won the contract on Monday.")).toEqual([]);
  });

  it("skips an office written without its holder and a department before a name", () => {
    expect(names("Chief Operating Officer Ann Lee left. The Chief Operating Officer said nothing.")).toEqual(["Ann Lee"]);
    expect(names("Undersecretary for Acquisition Marvin Sambur resigned on Friday after the scandal broke.")).not.toContain(
      "Acquisition Marvin Sambur",
    );
  });

  it("skips bylines and photo credits", () => {
    expect(names("By Karen Holt\n\nThe council met on Monday.")).toEqual([]);
    expect(names("Reporting by Tom Reid; Editing by Ann Lee")).toEqual([]);
    expect(names("The council met on Monday. (AP Photo/Evan Vucci)")).toEqual([]);
    expect(names("Photo: Mark Lennihan/Reuters\n\nThe council met.")).toEqual([]);
  });

  it("skips a title's domain and a run-on headline word", () => {
    expect(names("Ellen Simonetti, known as Queen of the Sky, wrote a blog.")).toEqual(["Ellen Simonetti"]);
    expect(names("Mary Barra Named GM Chief Executive\n\nThe carmaker named her on Tuesday.")).not.toContain("Mary Barra Named");
  });
});
