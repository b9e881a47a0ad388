/**
 * The page a verification link answers: plain HTML with nothing to load (the API's CSP allows
 * nothing), so it reads the same in any browser or mail client's preview.
 */
export function verifiedPage(verified: boolean): string {
  const [title, text] = verified
    ? ["E-mail verified", "Your e-mail address is verified. You can start trials now; this page can be closed."]
    : [
        "Link not valid",
        "This verification link is unknown, used or expired. Sign in and ask for a new one (POST /v1/customers/me/verification).",
      ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · WAOOAW</title></head><body><h1>${title}</h1><p>${text}</p><p><a href="/">WAOOAW</a></p></body></html>`;
}
