// Starts Swagger UI on /openapi.json (a file, not an inline script: the page's CSP allows no inline script).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
  // The public validator badge would load an image from another origin, which the CSP refuses.
  validatorUrl: null,
});
