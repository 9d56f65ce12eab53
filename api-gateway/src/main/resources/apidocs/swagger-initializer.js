// Read-only: no "Try it out" (the page sends nothing to the API), and no call to an outside validator.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/v3/api-docs",
    dom_id: "#swagger-ui",
    deepLinking: true,
    supportedSubmitMethods: [],
    validatorUrl: null
  });
};
