/**
 * Load H's labelled retrieval set: 60 memories of one agent (facts its customers stated, task
 * briefs, deliverables, corrections, rated decisions, over a few businesses) and 30 queries, each
 * with the memories that answer it. Half the queries share words with their answer ("literal");
 * half say the same thing in other words ("paraphrase"), so a lexical embedder's limits show and
 * a semantic one can be compared on the same set. Data only: see memory-quality.ts for the
 * measures (recall@1, recall@5, MRR).
 */
import type { MemoryKind } from "../../src/memory/memory-types";

export interface LabelledMemory {
  id: string;
  kind: MemoryKind;
  text: string;
}

export interface LabelledQuery {
  q: string;
  /** Memories that answer it: a hit is any of them. */
  relevant: string[];
  /** `literal`: shares the answer's words; `paraphrase`: the same request in other words. */
  style: "literal" | "paraphrase";
}

export const QUALITY_MEMORIES: readonly LabelledMemory[] = [
  // Online shop (kitchen appliances)
  { id: "m01", kind: "fact", text: "The customer prefers to be contacted by email, never by phone." },
  { id: "m02", kind: "fact", text: "Our warehouse is in Rotterdam and ships to the whole EU within three working days." },
  { id: "m03", kind: "fact", text: "Returns are accepted within 30 days if the product is unused and in its original box." },
  { id: "m04", kind: "task", text: "Write a product description for the Vortex 900 blender: 1200 W motor, glass jar, six speeds." },
  {
    id: "m05",
    kind: "deliverable",
    text: "Vortex 900: crush ice and blend smoothies in seconds with a 1200 W motor and a sturdy glass jar.",
  },
  { id: "m06", kind: "correction", text: "Do not offer free shipping on orders under 50 euros; the threshold is 50, not 30." },
  { id: "m07", kind: "rated_decision", text: "Refund requests for damaged deliveries go to the billing agent with the photo attached." },
  { id: "m08", kind: "fact", text: "Black Friday sale runs from 24 to 27 November with 20 percent off all blenders." },
  { id: "m09", kind: "fact", text: "The brand voice is friendly and plain: no exclamation marks, no jargon." },
  { id: "m10", kind: "task", text: "Draft the newsletter for March featuring the new espresso machine range." },
  // Dental clinic
  { id: "m11", kind: "fact", text: "The clinic is open Monday to Friday from 8 am to 6 pm and Saturday mornings." },
  { id: "m12", kind: "fact", text: "Dr. Patel handles all orthodontic cases; Dr. Kim does implants." },
  { id: "m13", kind: "fact", text: "New patients must fill in the medical history form before their first appointment." },
  { id: "m14", kind: "task", text: "Send appointment reminders 48 hours ahead by text message." },
  { id: "m15", kind: "deliverable", text: "Reminder: your cleaning at Bright Smile Dental is on Thursday at 10:30. Reply C to confirm." },
  { id: "m16", kind: "correction", text: "Cancellations less than 24 hours before the visit are charged 40 dollars, not waived." },
  { id: "m17", kind: "fact", text: "The clinic accepts Delta Dental and Cigna insurance but not Aetna." },
  {
    id: "m18",
    kind: "rated_decision",
    text: "Patients reporting severe tooth pain and swelling are escalated to the on-call dentist at once.",
  },
  { id: "m19", kind: "fact", text: "Teeth whitening costs 350 dollars and takes one ninety-minute session." },
  { id: "m20", kind: "task", text: "Prepare a leaflet explaining aftercare following a wisdom tooth extraction." },
  // B2B software (SaaS)
  { id: "m21", kind: "fact", text: "The customer's fiscal year ends on 31 March; budgets are approved in February." },
  { id: "m22", kind: "fact", text: "Single sign-on through Okta is required for every user of the workspace." },
  { id: "m23", kind: "fact", text: "The enterprise plan costs 18 dollars per seat per month, billed annually." },
  { id: "m24", kind: "task", text: "Qualify the inbound lead from Nordwind GmbH: 200 seats, evaluating by end of quarter." },
  {
    id: "m25",
    kind: "deliverable",
    text: "Nordwind GmbH qualifies: economic buyer engaged, critical need, decision within two months, budget 80k.",
  },
  { id: "m26", kind: "correction", text: "The API rate limit is 600 requests per minute per workspace, not per user." },
  { id: "m27", kind: "fact", text: "Data is hosted in Frankfurt to satisfy the customer's GDPR requirements." },
  { id: "m28", kind: "rated_decision", text: "Security questionnaires are delegated to the compliance agent, never answered by sales." },
  { id: "m29", kind: "fact", text: "The champion at Acme is Laura Chen, head of operations; the CFO signs contracts." },
  { id: "m30", kind: "task", text: "Write the renewal proposal for Acme with a 10 percent multi-year discount." },
  // Logistics
  { id: "m31", kind: "fact", text: "Pallets over 800 kilograms need a tail-lift truck booked one day in advance." },
  { id: "m32", kind: "fact", text: "The depot in Lyon closes for loading at 4 pm on weekdays." },
  { id: "m33", kind: "fact", text: "Hazardous goods require the ADR declaration to be uploaded before pickup." },
  { id: "m34", kind: "task", text: "Track container MSKU 4471 delayed at the port of Antwerp and inform the consignee." },
  { id: "m35", kind: "deliverable", text: "Container MSKU 4471 cleared customs in Antwerp this morning and reaches Lyon on Friday." },
  { id: "m36", kind: "correction", text: "Temperature-controlled loads must stay between 2 and 8 degrees, not below zero." },
  { id: "m37", kind: "rated_decision", text: "Missed pickups are rebooked for the next morning and the customer is credited the fee." },
  { id: "m38", kind: "fact", text: "Invoices for freight are sent on the first working day of each month." },
  { id: "m39", kind: "fact", text: "The customer ships mostly furniture from Poland to France and Spain." },
  { id: "m40", kind: "task", text: "Compare road and rail quotes for 12 pallets from Poznan to Madrid." },
  // Real estate agency
  { id: "m41", kind: "fact", text: "The buyers are looking for a three-bedroom house with a garden near good schools." },
  { id: "m42", kind: "fact", text: "Their maximum budget is 450,000 euros and their mortgage is pre-approved." },
  { id: "m43", kind: "fact", text: "They own a dog, so apartments that forbid pets are out." },
  { id: "m44", kind: "task", text: "Write the listing for the flat on Canal Street: two bedrooms, balcony, renovated kitchen." },
  { id: "m45", kind: "deliverable", text: "Bright two-bedroom flat on Canal Street with a sunny balcony and a newly renovated kitchen." },
  { id: "m46", kind: "correction", text: "Viewings are never booked on Sundays; the office is closed then." },
  {
    id: "m47",
    kind: "rated_decision",
    text: "Offers below the asking price are forwarded to the seller with the buyer's financing proof.",
  },
  { id: "m48", kind: "fact", text: "The seller of the Elm Road house wants to move out by the end of June." },
  { id: "m49", kind: "fact", text: "Energy certificates must be shown in every advertisement by law." },
  { id: "m50", kind: "task", text: "Schedule a valuation visit for the cottage at 7 Mill Lane next week." },
  // Restaurant
  { id: "m51", kind: "fact", text: "The restaurant seats 60 guests and takes group bookings of up to 14 people." },
  { id: "m52", kind: "fact", text: "The kitchen is fully gluten-free but uses nuts in several desserts." },
  { id: "m53", kind: "fact", text: "Tuesday is closing day; the terrace opens from May to September." },
  { id: "m54", kind: "task", text: "Reply to the review complaining about the slow service on Saturday night." },
  {
    id: "m55",
    kind: "deliverable",
    text: "Thank you for your feedback; Saturday was short-staffed and we have added a second waiter on weekends.",
  },
  { id: "m56", kind: "correction", text: "Corkage is 15 euros per bottle; guests may bring wine only on weekdays." },
  { id: "m57", kind: "rated_decision", text: "Private dining enquiries for more than 14 guests go to the events manager." },
  { id: "m58", kind: "fact", text: "The chef sources vegetables from a farm twelve kilometres away." },
  { id: "m59", kind: "fact", text: "Vegan options are marked with a green leaf on the menu." },
  { id: "m60", kind: "task", text: "Update the winter menu with the new pumpkin risotto and remove the gazpacho." },
];

export const QUALITY_QUERIES: readonly LabelledQuery[] = [
  // Literal: the answer's own words.
  { q: "how does the customer prefer to be contacted", relevant: ["m01"], style: "literal" },
  { q: "returns accepted within how many days", relevant: ["m03"], style: "literal" },
  { q: "free shipping threshold for orders", relevant: ["m06"], style: "literal" },
  { q: "Vortex 900 blender product description", relevant: ["m04", "m05"], style: "literal" },
  { q: "clinic opening hours on Saturday", relevant: ["m11"], style: "literal" },
  { q: "which insurance does the clinic accept", relevant: ["m17"], style: "literal" },
  { q: "cancellation charge less than 24 hours before", relevant: ["m16"], style: "literal" },
  { q: "enterprise plan price per seat", relevant: ["m23"], style: "literal" },
  { q: "API rate limit per workspace", relevant: ["m26"], style: "literal" },
  { q: "container MSKU 4471 Antwerp", relevant: ["m34", "m35"], style: "literal" },
  { q: "hazardous goods ADR declaration", relevant: ["m33"], style: "literal" },
  { q: "buyers budget and mortgage", relevant: ["m42"], style: "literal" },
  { q: "energy certificates in advertisements", relevant: ["m49"], style: "literal" },
  { q: "group bookings how many people", relevant: ["m51"], style: "literal" },
  { q: "corkage per bottle wine", relevant: ["m56"], style: "literal" },
  // Paraphrase: the same need, few words in common.
  { q: "don't ring them, they want messages in their inbox", relevant: ["m01"], style: "paraphrase" },
  { q: "can someone send back an item they bought last week", relevant: ["m03"], style: "paraphrase" },
  { q: "when is the big November discount", relevant: ["m08"], style: "paraphrase" },
  { q: "what tone should our copy have", relevant: ["m09"], style: "paraphrase" },
  { q: "who puts braces on kids", relevant: ["m12"], style: "paraphrase" },
  { q: "a patient has a swollen face and an awful toothache", relevant: ["m18"], style: "paraphrase" },
  { q: "how much to make my smile brighter", relevant: ["m19"], style: "paraphrase" },
  { q: "when does their financial year close", relevant: ["m21"], style: "paraphrase" },
  { q: "where are their servers located for privacy law", relevant: ["m27"], style: "paraphrase" },
  { q: "who is our internal advocate at that account", relevant: ["m29"], style: "paraphrase" },
  { q: "heavy shipments need a truck with a lift", relevant: ["m31"], style: "paraphrase" },
  { q: "the driver never came to collect the goods", relevant: ["m37"], style: "paraphrase" },
  { q: "the family has a pet so no flats that ban animals", relevant: ["m43"], style: "paraphrase" },
  { q: "which day is the place shut", relevant: ["m53"], style: "paraphrase" },
  { q: "do you have plant-based dishes", relevant: ["m59"], style: "paraphrase" },
];
