/**
 * The docs' playground: each `<form data-playground="ID">` drives the `<tensor-diagram id="ID">`
 * of its page. Typing in a field sets the element's attribute of the same name (an empty field
 * removes it), and the element redraws itself.
 */
for (const form of document.querySelectorAll("form[data-playground]")) {
  const diagram = document.getElementById(form.dataset.playground);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    const field = event.target;
    if (!diagram || !(field instanceof HTMLInputElement)) return;
    if (field.value.trim() === "") diagram.removeAttribute(field.name);
    else diagram.setAttribute(field.name, field.value);
  });
}
