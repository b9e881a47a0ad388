import { describe, expect, it } from "vitest";
import { customerFacts } from "../../src/memory/facts";

describe("customerFacts: first-person statements a customer makes about themselves", () => {
  it("finds statements about the customer", () => {
    expect(customerFacts("We are a dental clinic in Ohio.")).toEqual(["We are a dental clinic in Ohio."]);
    expect(customerFacts("Our budget is $5k per month")).toEqual(["Our budget is $5k per month"]);
    expect(customerFacts("I prefer e-mail over calls!")).toEqual(["I prefer e-mail over calls!"]);
    expect(customerFacts("we're based in Lyon and we sell handmade soap.")).toEqual(["we're based in Lyon and we sell handmade soap."]);
    expect(customerFacts("Also, my main contact is Dana.")).toEqual(["Also, my main contact is Dana."]);
  });

  it("keeps only the statements of a longer message", () => {
    const text = "Hi there. Can you write our launch post? We are a two-person bakery in Leeds. Thanks!\nOur tone is warm and plain.";
    expect(customerFacts(text)).toEqual(["We are a two-person bakery in Leeds.", "Our tone is warm and plain."]);
  });

  it("ignores questions, messages with no first person, and load A's bench messages", () => {
    expect(customerFacts("Are we a good fit for the team plan?")).toEqual([]);
    expect(customerFacts("We are wondering whether you support Slack?")).toEqual([]);
    expect(customerFacts("Is there a pricing plan for teams?")).toEqual([]);
    expect(customerFacts("bench message 123")).toEqual([]);
    expect(customerFacts("Please write a post about dark mode.")).toEqual([]);
    expect(customerFacts("Thanks, I think so")).toEqual([]);
    expect(customerFacts("")).toEqual([]);
  });
});
