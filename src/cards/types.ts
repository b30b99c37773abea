/**
 * What every card shares: JSON shapes, the rendered card, and the data of the core cards. Feature
 * cards declare their data in `src/features/<feature>/card-data.ts`. Display strings in card data
 * are already localized by the caller; the renderer adds only the UI strings under `t`.
 * Dates sent back in Action.Execute data are ISO `YYYY-MM-DD`; times are `HH:MM`.
 */

/** The cards of the core: any feature may show them. */
export const COMMON_CARD_NAMES = ['error', 'notice', 'welcome'] as const;
export type CommonCardName = (typeof COMMON_CARD_NAMES)[number];

/** Input.Toggle values as the card submits them. */
export type ToggleValue = 'true' | 'false';

/** One row of a FactSet. */
export interface Fact {
  title: string;
  value: string;
}

export interface ErrorCardData {
  /** Defaults to the localized generic title. */
  title?: string;
  message: string;
  correlationId: string;
}

export interface NoticeCardData {
  title: string;
  text: string;
  facts?: Fact[];
}

export interface WelcomeCardData {
  userName: string;
  /** The commands this person may use, in their language: the word to type and what it does. */
  commands: { word: string; text: string }[];
  /** Buttons that show a missed card again (`command.run`), only those the person may use. */
  missed: { command: string; title: string }[];
  /** The request buttons (lost device, private PC, paper), shown when their command is offered. */
  lostDevice: boolean;
  privatePc: boolean;
  paper: boolean;
}

/** Extending the record makes a card name without data interface a compile error. */
export interface CommonCardData extends Record<CommonCardName, object> {
  error: ErrorCardData;
  notice: NoticeCardData;
  welcome: WelcomeCardData;
}

/** JSON as produced by the template engine. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A rendered card, ready to be sent as an attachment. */
export interface AdaptiveCardJson extends JsonObject {
  type: 'AdaptiveCard';
  version: '1.5';
  $schema: string;
}

export interface AdaptiveCardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCardJson;
}
