// Starts Swagger UI on /docs from the page's data attributes (no inline script: the CSP
// allows scripts from this server only).
window.addEventListener("load", function () {
  var host = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: host.dataset.openapi,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    oauth2RedirectUrl: window.location.origin + host.dataset.oauth2,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
});
