import { extractPeople } from "../../src/extract/people/index.ts";
import type { ArticlePeople, LocalPerson } from "../../src/extract/types.ts";
import { articleText } from "../support/articles.ts";

export function people(body: string): ArticlePeople {
  return extractPeople(articleText(body));
}

export function names(body: string): string[] {
  return people(body).people.map((p) => p.name);
}

export function person(result: ArticlePeople, name: string): LocalPerson {
  const p = result.people.find((x) => x.name === name);
  if (!p) throw new Error(`no person ${name}; found ${result.people.map((x) => x.name).join(", ")}`);
  return p;
}
