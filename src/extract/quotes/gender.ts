// Grammatical gender of a person, only to keep "she said" from resolving to the nearest man. Unknown is the
// common answer and is compatible with both pronouns.
export type Gender = "male" | "female" | "unknown";

// Honorifics settle it; otherwise a short list of common first names. Missing names just stay unknown.
const MALE_TITLES = /\b(?:Mr|Sir|Lord|King|Prince|Father|Brother|Congressman|Councilman|Businessman|Chairman)\b\.?\s*$/;
const FEMALE_TITLES = /\b(?:Mrs|Ms|Miss|Dame|Lady|Queen|Princess|Sister|Congresswoman|Councilwoman|Businesswoman|Chairwoman)\b\.?\s*$/;

const MALE = new Set(
  (
    "james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark " +
    "donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary " +
    "nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond " +
    "jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian " +
    "keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe " +
    "logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene " +
    "mike chris ted ben tim bill tom jim bob dan greg matt nick tony steve dave sam fred ed ron don " +
    "miguel luis carlos jorge pedro antonio manuel ahmed mohammed " +
    "muhammad ali omar hans karl klaus pierre francois vladimir sergei dmitri xi li wei hiroshi kenji"
  ).split(" "),
);
const FEMALE = new Set(
  (
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley " +
    "kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen " +
    "amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine " +
    "carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn " +
    "judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice " +
    "madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany " +
    "natalie isabella charlotte rose alexis kayla michele jill debbie sheryl marissa monica valerie stacey katie " +
    "kate jane sue liz beth meg ellen eva sofia lucia carmen ana fatima aisha"
  ).split(" "),
);

/** Gender from an honorific just before the name, or from the first name. */
export function genderOf(name: string, context: string): Gender {
  const before = context.slice(0, Math.max(0, context.lastIndexOf(name)));
  if (MALE_TITLES.test(before) || /^(?:Mr|Sir)\.?\s/.test(name)) return "male";
  if (FEMALE_TITLES.test(before) || /^(?:Mrs|Ms|Miss)\.?\s/.test(name)) return "female";
  const first = name.split(/\s+/)[0]?.toLowerCase() ?? "";
  if (MALE.has(first)) return "male";
  if (FEMALE.has(first)) return "female";
  return "unknown";
}

/** The gender a pronoun requires. */
export function pronounGender(pronoun: string): Gender {
  if (pronoun === "he") return "male";
  if (pronoun === "she") return "female";
  return "unknown";
}
