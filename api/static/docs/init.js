// Renders /openapi.json with Swagger UI; a file of its own so that the page's CSP allows no inline script.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default validator is a remote service: nothing leaves this origin
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
