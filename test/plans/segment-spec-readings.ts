import type { Expected, Spec, Tables } from './segment-spec-tables.js';

// Every place where a spec plan departs from the letter of its page's tables, each with the
// reason. The plans say the same in a YAML comment at the place; docs/segment-specs.md lists
// them all. Anything not listed here must match the tables exactly.

export interface Readings {
  /** Properties the plan has that the event's table does not list. */
  extra: { event: string; paths: (tables: Tables) => string[]; why: string }[];
  /** Rows whose type the plan reads otherwise than the table's words (or gives where the page gives none). */
  types: { events: (name: string) => boolean; path: string; expected: Expected; why: string }[];
  /** Properties that admit null (nothing else does). */
  nullable: { events: (name: string) => boolean; paths: string[]; why: string }[];
  /** Value constraints in the plan, as `<name> <keyword>=<value>`: only those the page gives. */
  constraints: string[];
  /** Required properties (`<where>`): the pages require nothing. */
  required: string[];
  /** Lint findings under the recommended rules, `<code> <path>`: where a rule and the page disagree. */
  lint: string[];
}

const ENUM_AD_TYPE: Expected = { kind: 'plain', type: 'string', enum: ['pre-roll', 'mid-roll', 'post-roll'] };
const playback = (name: string) => name.startsWith('Video Playback ');
const content = (name: string) => name.startsWith('Video Content ');
const ad = (name: string) => name.startsWith('Video Ad ');

export const READINGS: Record<Spec, Readings> = {
  ecommerce: {
    extra: [
      {
        event: 'Order Refunded',
        // The table lists order_id alone; the example also sends total, currency and products.
        paths: (t) => Object.keys(t['Order Completed']!).filter((p) => p !== 'order_id'),
        why: 'the page asks for the properties of the earlier Order Completed call',
      },
      {
        event: 'Cart Shared',
        paths: (t) => Object.keys(t['Cart Viewed']!).filter((p) => p.startsWith('products[].') && p !== 'products[].product_id'),
        why: 'products are the Product type everywhere; the table lists only their product_id',
      },
    ],
    types: [],
    nullable: [],
    constraints: [],
    required: [],
    lint: [
      // The page types `position` as a String on promotions and a Number on products.
      'consistent-property-types events.Promotion Viewed.properties.position',
      'consistent-property-types events.Promotion Clicked.properties.position',
    ],
  },
  'b2b-saas': {
    extra: [],
    types: [],
    nullable: [],
    // The page's Date type: "an ISO-8601 date string", date-times in its examples.
    constraints: ['trial_end_date format="date-time"', 'trial_start_date format="date-time"'],
    required: [],
    lint: [],
  },
  video: {
    extra: [],
    types: [
      { events: playback, path: 'ad_type', expected: { kind: 'union', members: [ENUM_AD_TYPE, { kind: 'plain', type: 'array', items: ENUM_AD_TYPE }] }, why: "the Video Playback Started example sends an array of ad types" },
      { events: (n) => n === 'Video Playback Seek Started', path: 'seek_position', expected: { kind: 'plain', type: 'integer' }, why: "named only in the event's text, as the counterpart of position (Integer)" },
      { events: (n) => n === 'Video Quality Updated', path: 'bitrate', expected: { kind: 'plain', type: 'integer' }, why: "the quality table has no types; the playback table's bitrate is Integer" },
      { events: (n) => n === 'Video Quality Updated', path: 'framerate', expected: { kind: 'plain', type: 'number' }, why: "the quality table has no types; the playback table's framerate is Float" },
    ],
    nullable: [
      { events: playback, paths: ['total_length'], why: 'the page: send null for a livestream' },
      { events: playback, paths: ['content_asset_id', 'content_pod_id', 'ad_asset_id', 'ad_pod_id', 'ad_type'], why: "the page's example lifecycle sends null for them" },
      { events: content, paths: ['total_length'], why: 'the page: send null for a livestream' },
      { events: ad, paths: ['content.total_length'], why: "the nested content object is the content table's" },
    ],
    // The only value lists are those the page gives as the type (Enum {...}); airdate is an ISO 8601 date.
    constraints: ['AdType enum=["pre-roll","mid-roll","post-roll"]', 'airdate format="date"', 'load_type enum=["linear","dynamic"]'],
    required: [],
    lint: [
      // The page names its heartbeats in the present tense.
      'event-name-tense events.Video Content Playing',
      'event-name-tense events.Video Ad Playing',
      // The page allows null for a livestream's total_length in the playback and content tables, not the ad table.
      'consistent-property-types events.Video Ad Completed.properties.total_length',
      'consistent-property-types events.Video Ad Playing.properties.total_length',
      'consistent-property-types events.Video Ad Started.properties.total_length',
      // The page spells these two in camelCase.
      'property-name-casing events.Video Quality Updated.properties.startupTime',
      'property-name-casing events.Video Quality Updated.properties.droppedFrames',
    ],
  },
  mobile: {
    extra: [],
    types: [],
    nullable: [],
    constraints: [],
    required: [],
    lint: [],
  },
};

/** How many example calls each page shows (rendered code blocks; see the fixtures' README). */
export const EXAMPLE_COUNTS: Record<Spec, number> = { ecommerce: 28, 'b2b-saas': 10, video: 32, mobile: 13 };
