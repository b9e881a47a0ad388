import { countryCodes, isCountryCode } from "./contact";

/**
 * Sales territories as ISO 3166 country codes, so an ideal-customer profile that says `EMEA`
 * matches a lead in `Germany` or `DE`. The groupings follow common sales practice (NA is the US
 * and Canada; Mexico is LATAM), not geography textbooks. `NA` means North America here, not
 * Namibia: in a sales territory it always does.
 */
const codes = (list: string) => list.split(" ");
const europe = codes(
  "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA FO AX",
);
const middleEast = codes("AE BH EG IR IQ IL JO KW LB OM PS QA SA SY TR YE");
const africa = codes(
  "DZ AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW",
);
const northAmerica = codes("US CA");
const latam = codes("MX GT BZ SV HN NI CR PA CU DO HT PR AR BO BR CL CO EC PY PE UY VE");
const apac = codes("AU NZ CN HK MO TW JP KR IN PK BD LK NP SG MY ID TH VN PH KH LA MM BN TL MN FJ PG");

const territories: Record<string, readonly string[]> = {
  emea: [...europe, ...middleEast, ...africa],
  europe,
  eu: codes("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
  dach: codes("DE AT CH"),
  nordics: codes("DK FI IS NO SE"),
  benelux: codes("BE NL LU"),
  uki: codes("GB IE"),
  middleeast: middleEast,
  mena: [...middleEast, ...codes("DZ LY MA TN")],
  africa,
  na: northAmerica,
  northamerica: northAmerica,
  noram: northAmerica,
  latam,
  latinamerica: latam,
  amer: [...northAmerica, ...latam],
  americas: [...northAmerica, ...latam],
  apac,
  asiapacific: apac,
  anz: codes("AU NZ"),
  sea: codes("SG MY ID TH VN PH KH LA MM BN TL"),
  southeastasia: codes("SG MY ID TH VN PH KH LA MM BN TL"),
};

// Names people write that the English display names (Intl) do not give.
const aliases: Record<string, string> = {
  usa: "US",
  us: "US",
  unitedstatesofamerica: "US",
  america: "US",
  uk: "GB",
  greatbritain: "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  northernireland: "GB",
  deutschland: "DE",
  holland: "NL",
  korea: "KR",
  southkorea: "KR",
  czechrepublic: "CZ",
  uae: "AE",
  turkey: "TR",
  ivorycoast: "CI",
  hongkong: "HK",
  macau: "MO",
  russia: "RU",
  vietnam: "VN",
};

function key(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[^a-z0-9]/g, "");
}

let byName: Map<string, string> | undefined;
function countryByName(): Map<string, string> {
  if (!byName) {
    byName = new Map();
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    for (const code of countryCodes()) {
      const name = names.of(code);
      if (name) byName.set(key(name), code);
    }
    for (const [alias, code] of Object.entries(aliases)) byName.set(alias, code);
  }
  return byName;
}

/** The countries a place names: a territory (`EMEA`), a country name (`Germany`) or code (`DE`); empty when unknown. */
export function countriesOf(place: string): readonly string[] {
  const k = key(place);
  const territory = territories[k];
  if (territory) return territory;
  const code = place.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && isCountryCode(code)) return [code];
  const named = countryByName().get(k);
  return named ? [named] : [];
}

/**
 * Whether a lead's place lies in one of the profile's regions: the same words, or every country
 * it names inside the regions' countries (`Germany` in `EMEA`, `DACH` in `Europe`).
 */
export function inRegions(place: string, regions: readonly string[]): boolean {
  const k = key(place);
  if (!k) return false;
  if (regions.some((r) => key(r) === k)) return true;
  const countries = countriesOf(place);
  if (countries.length === 0) return false;
  const allowed = new Set(regions.flatMap((r) => countriesOf(r)));
  return countries.every((c) => allowed.has(c));
}
