/**
 * Load H's memories at scale: reproducible (seeded) and realistic texts of the kinds an agent
 * remembers — facts its customer stated, task briefs, deliverables, corrections and rated
 * decisions — for a few businesses, from templates with varied names, products, places and
 * numbers; and queries of the same vocabulary to time retrieval with.
 */
import type { MemoryKind } from "../../src/memory/memory-types";
import { prng } from "./decisions-trace";

type Slots = Record<string, readonly string[]>;

interface Industry {
  name: string;
  slots: Slots;
  templates: Record<MemoryKind, readonly string[]>;
  queries: readonly string[];
}

const PEOPLE = ["Laura Chen", "Omar Haddad", "Priya Nair", "Jonas Weber", "Sofia Rossi", "Kenji Sato", "Amara Okafor", "Lucas Martin"];
const CITIES = ["Rotterdam", "Lyon", "Madrid", "Poznan", "Hamburg", "Milan", "Porto", "Gdansk", "Antwerp", "Vienna"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const INDUSTRIES: readonly Industry[] = [
  {
    name: "online shop",
    slots: {
      product: ["blender", "espresso machine", "air fryer", "toaster", "stand mixer", "kettle", "juicer", "rice cooker"],
      model: ["Vortex", "Aroma", "Crisp", "Nova", "Titan", "Breeze"],
      channel: ["email", "chat", "phone", "text message"],
    },
    templates: {
      fact: [
        "The customer prefers {channel} and asked not to be contacted on {weekday}s.",
        "Their best-selling {product} is the {model} {n}, mostly shipped to {city}.",
        "Returns of the {product} are accepted within {n} days if unused.",
        "Free shipping starts at {n} euros for orders to {city}.",
      ],
      task: [
        "Write a product description for the {model} {n} {product}.",
        "Draft the newsletter featuring the new {product} range for {weekday}.",
        "Answer the question about delivery times of the {product} to {city}.",
      ],
      deliverable: [
        "The {model} {n} {product}: quiet, fast and easy to clean, now shipping to {city}.",
        "Your {product} order left our {city} warehouse and arrives within {n} days.",
      ],
      correction: ["The {model} {n} warranty is {n} months, not one year.", "Do not promise {weekday} delivery to {city}."],
      rated_decision: [
        "Refund requests for a damaged {product} go to billing with the photo attached.",
        "Questions about {product} stock in {city} are answered from the inventory feed.",
      ],
    },
    queries: [
      "when does the {product} arrive in {city}",
      "return policy for the {product}",
      "how to contact the customer",
      "warranty of the {model}",
    ],
  },
  {
    name: "dental clinic",
    slots: {
      treatment: ["cleaning", "filling", "root canal", "whitening", "implant", "braces check", "crown"],
      dentist: ["Dr. Patel", "Dr. Kim", "Dr. Novak", "Dr. Silva"],
      insurer: ["Delta Dental", "Cigna", "MetLife", "Guardian"],
    },
    templates: {
      fact: [
        "{person} is a patient of {dentist} and is nervous about needles.",
        "{person} has {insurer} insurance and prefers appointments on {weekday}.",
        "The {treatment} costs {n} dollars at the {city} practice.",
      ],
      task: ["Send {person} a reminder for the {treatment} on {weekday}.", "Explain aftercare following a {treatment} to {person}."],
      deliverable: [
        "Reminder: your {treatment} with {dentist} is on {weekday} at {hour}:30. Reply C to confirm.",
        "After your {treatment}, avoid hot drinks for {n} hours and call us if the pain grows.",
      ],
      correction: ["{dentist} does not work on {weekday}s any more.", "{insurer} covers the {treatment} only once a year."],
      rated_decision: [
        "Patients with severe pain after a {treatment} are escalated to the on-call dentist.",
        "Insurance questions about {insurer} go to the front desk.",
      ],
    },
    queries: ["who does the {treatment}", "does the clinic take {insurer}", "reminder for {person}", "price of a {treatment}"],
  },
  {
    name: "B2B software",
    slots: {
      company: ["Nordwind GmbH", "Acme Corp", "Blue Harbor", "Kestrel Labs", "Meridian AG", "Orchid Health"],
      feature: ["single sign-on", "audit logs", "the API", "data export", "role permissions", "the mobile app"],
      plan: ["starter", "team", "business", "enterprise"],
    },
    templates: {
      fact: [
        "{company} is evaluating the {plan} plan for {n} seats; {person} is the champion.",
        "{company} requires {feature} before signing; their fiscal year ends in March.",
        "{company} hosts its data in {city} for compliance.",
      ],
      task: ["Qualify the inbound lead from {company}: {n} seats.", "Write the renewal proposal for {company} on the {plan} plan."],
      deliverable: [
        "{company} qualifies: budget approved, {person} engaged, decision within {n} weeks.",
        "Proposal for {company}: {plan} plan, {n} seats, {feature} included, billed annually.",
      ],
      correction: ["The {plan} plan includes {feature}; we said it did not.", "{company}'s contract renews in {n} months, not next year."],
      rated_decision: [
        "Security questionnaires from {company} go to the compliance agent.",
        "Discounts above {n} percent need the sales manager.",
      ],
    },
    queries: ["who is the champion at {company}", "does the {plan} plan include {feature}", "renewal for {company}", "lead from {company}"],
  },
  {
    name: "logistics",
    slots: {
      cargo: ["furniture", "machine parts", "chilled food", "textiles", "electronics", "paint"],
      mode: ["road", "rail", "sea", "air"],
      container: ["MSKU", "TGHU", "CMAU", "OOLU"],
    },
    templates: {
      fact: [
        "The customer ships {cargo} from {city} by {mode}, about {n} pallets a week.",
        "The {city} depot closes for loading at {hour} pm on weekdays.",
        "Loads of {cargo} over {n} kilograms need a tail-lift truck.",
      ],
      task: ["Track container {container} {n} delayed near {city}.", "Compare {mode} quotes for {n} pallets of {cargo} to {city}."],
      deliverable: [
        "Container {container} {n} cleared customs and reaches {city} on {weekday}.",
        "Quote: {n} pallets of {cargo} by {mode} to {city}, pickup on {weekday}.",
      ],
      correction: ["Chilled {cargo} must stay between 2 and 8 degrees.", "Pickups in {city} need booking {n} days ahead, not one."],
      rated_decision: ["Missed pickups in {city} are rebooked for the next morning.", "Damaged {cargo} claims go to the insurance desk."],
    },
    queries: ["where is container {container} {n}", "quote for {cargo} by {mode}", "{city} depot hours", "claims for damaged {cargo}"],
  },
  {
    name: "real estate",
    slots: {
      home: ["two-bedroom flat", "three-bedroom house", "cottage", "loft", "townhouse", "studio"],
      street: ["Canal Street", "Elm Road", "Mill Lane", "Harbour View", "Oak Avenue", "Station Square"],
      feature: ["a garden", "a balcony", "a garage", "a renovated kitchen", "a home office", "sea views"],
    },
    templates: {
      fact: [
        "{person} is looking for a {home} with {feature} near {city}.",
        "{person}'s budget is {n} thousand euros and the mortgage is pre-approved.",
        "The seller on {street} wants to move out by {weekday} week {n}.",
      ],
      task: ["Write the listing for the {home} on {street}.", "Book a viewing of the {home} on {street} for {person}."],
      deliverable: [
        "Bright {home} on {street} with {feature}, {n} minutes from the station.",
        "Viewing confirmed: {street}, {weekday} at {hour} pm.",
      ],
      correction: ["Viewings are never booked on Sundays.", "The {home} on {street} has {feature}, not a garage."],
      rated_decision: [
        "Offers below asking on {street} go to the seller with proof of financing.",
        "Rental questions go to the lettings agent.",
      ],
    },
    queries: ["what is {person} looking for", "listing for {street}", "budget of {person}", "viewings on {street}"],
  },
  {
    name: "restaurant",
    slots: {
      dish: ["pumpkin risotto", "gazpacho", "lamb shank", "mushroom tart", "sea bass", "tiramisu"],
      diet: ["gluten-free", "vegan", "nut-free", "lactose-free", "halal"],
      event: ["birthday", "wedding lunch", "team dinner", "christening", "anniversary"],
    },
    templates: {
      fact: [
        "{person} booked a {event} for {n} guests on {weekday}.",
        "Guests at the {event} need {diet} options; the {dish} can be adapted.",
        "The terrace seats {n} and is open from May to September.",
      ],
      task: ["Reply to the review about the {dish} served on {weekday}.", "Update the menu: add the {dish}, mark {diet} dishes."],
      deliverable: [
        "Thank you for coming on {weekday}; we have added a second waiter for groups of {n}.",
        "Our new {dish} is {diet} and served from {weekday}.",
      ],
      correction: ["Corkage is {n} euros per bottle, weekdays only.", "The {dish} contains nuts; it is not {diet}."],
      rated_decision: ["Bookings for more than {n} guests go to the events manager.", "Allergy questions are answered by the chef."],
    },
    queries: ["{diet} options for the {event}", "booking for {person}", "is the {dish} {diet}", "terrace opening"],
  },
];

const KINDS: readonly MemoryKind[] = ["fact", "fact", "fact", "task", "deliverable", "correction", "rated_decision"];

function fill(template: string, slots: Slots, rng: () => number): string {
  const pick = (xs: readonly string[]) => xs[Math.floor(rng() * xs.length)] as string;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "n") return String(2 + Math.floor(rng() * 98));
    if (name === "hour") return String(1 + Math.floor(rng() * 11));
    if (name === "person") return pick(PEOPLE);
    if (name === "city") return pick(CITIES);
    if (name === "weekday") return pick(WEEKDAYS);
    return pick(slots[name] ?? [name]);
  });
}

export interface GeneratedMemory {
  kind: MemoryKind;
  text: string;
}

/** `count` memories, the same for the same seed and offset (`from` continues a sequence). */
export function memoryTexts(seed: number, from: number, count: number): GeneratedMemory[] {
  return Array.from({ length: count }, (_, k) => {
    const rng = prng(seed * 1_000_003 + from + k);
    const industry = INDUSTRIES[Math.floor(rng() * INDUSTRIES.length)] as Industry;
    const kind = KINDS[Math.floor(rng() * KINDS.length)] as MemoryKind;
    const templates = industry.templates[kind];
    return { kind, text: fill(templates[Math.floor(rng() * templates.length)] as string, industry.slots, rng) };
  });
}

/** `count` lookups of the kind an agent makes before deciding, over every industry. */
export function memoryQueries(seed: number, count: number): string[] {
  const rng = prng(seed * 7_919 + 17);
  return Array.from({ length: count }, () => {
    const industry = INDUSTRIES[Math.floor(rng() * INDUSTRIES.length)] as Industry;
    return fill(industry.queries[Math.floor(rng() * industry.queries.length)] as string, industry.slots, rng);
  });
}
