// The operator token: kept in sessionStorage only (this tab, gone when it closes), never in
// localStorage or a cookie: it can do everything an operator can.

const TOKEN_KEY = "waooaw.operatorToken";

/** The operator token of this tab, or null when signed out (or storage is disabled). */
export function operatorToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string} token */
export function keepToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}
