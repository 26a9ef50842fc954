// The Discord-agnostic reply model: what an answer looks like, before it becomes a Discord payload or console text.

export interface FieldView {
  name: string;
  value: string;
  inline?: boolean;
}

/** One embed. Text in `title`, `description` and fields is markdown (already escaped); `footer` and `author` are plain. */
export interface EmbedView {
  title: string;
  url?: string;
  description?: string;
  fields: FieldView[];
  footer?: string;
  author?: string;
  color: number;
}

/** A rendered answer: one embed per page, at least one page. */
export interface AnswerView {
  pages: EmbedView[];
}

export type ButtonAction = "prev" | "next" | "share";

export interface ButtonView {
  action: ButtonAction;
  label: string;
  /** The page the button leads to (prev/next) or the page shared. */
  page: number;
  disabled: boolean;
}

/** One message as the user sees it. */
export interface ReplyModel {
  content?: string;
  embeds: EmbedView[];
  buttons: ButtonView[];
  /** Only the asker sees it (Discord: ephemeral). */
  ephemeral: boolean;
}

export const COLORS = {
  answer: 0x2b6cb0,
  empty: 0x718096,
} as const;
