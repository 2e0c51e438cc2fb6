/**
 * The front page's small playground: each `<form data-playground="ID">` drives the
 * `<tensor-diagram id="ID">` of its page. Typing in a field sets the element's attribute of the
 * same name (an empty field removes it), and the element redraws itself; the form's
 * "open in the playground" link follows the fields, so it opens the same derivative in the full
 * playground (playground.html, whose state is the URL's fragment: `#expr=…&wrt=…&order=…`).
 */
const encode = (value) => encodeURIComponent(value).replace(/%20/g, "+").replace(/%40/g, "@");

for (const form of document.querySelectorAll("form[data-playground]")) {
  const diagram = document.getElementById(form.dataset.playground);
  const link = form.querySelector("a.open-playground");
  const field = (name) => form.querySelector(`[name=${name}]`)?.value.trim() ?? "";
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    const input = event.target;
    if (!diagram || !(input instanceof HTMLInputElement)) return;
    if (input.value.trim() === "") diagram.removeAttribute(input.name);
    else diagram.setAttribute(input.name, input.value);
    if (link) {
      const state = `expr=${encode(field("expr"))}&wrt=${encode(field("wrt"))}&order=${field("order") || 1}`;
      link.href = `playground.html#${state}`;
    }
  });
}
