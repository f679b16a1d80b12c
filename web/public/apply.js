// Enhancement of the form's steps (they work without it): a question that applies only after a
// certain answer is shown when that answer is chosen, and hidden otherwise.
for (const field of document.querySelectorAll("[data-show-if]")) {
  const form = field.closest("form");
  const update = () => {
    const chosen = form.querySelector(`[name="${CSS.escape(field.dataset.showIf)}"]:checked`);
    field.hidden = !chosen || chosen.value !== field.dataset.equals;
  };
  form.addEventListener("change", update);
  update();
}
// After a refused step, the error summary takes the focus, so a screen reader reads it first.
document.getElementById("fouten")?.focus();
// A form with files: sent with XMLHttpRequest to show how far the upload is. The server answers
// as it does without JavaScript (a redirect, or the page again with errors), so the response
// decides where the browser goes.
for (const form of document.querySelectorAll("form[data-upload]")) {
  const box = form.querySelector(".upload-progress");
  const bar = box?.querySelector("progress");
  form.addEventListener("submit", (event) => {
    if (!bar || !window.FormData || !window.XMLHttpRequest) return;
    event.preventDefault();
    // A file past the limit is named at its field at once, not after sending it all.
    const max = Number(form.dataset.maxBytes);
    for (const input of form.querySelectorAll('input[type="file"]')) {
      const file = input.files?.[0];
      if (!file || !(max > 0) || file.size <= max) continue;
      const message = document.createElement("p");
      message.className = "utrecht-form-field-error-message";
      message.id = `${input.id}-error`;
      message.textContent = form.dataset.tooLarge.replace("{file}", file.name);
      input.closest(".utrecht-form-field").classList.add("utrecht-form-field--invalid");
      document.getElementById(message.id)?.remove();
      input.before(message);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", message.id);
      input.value = "";
      input.focus();
      return;
    }
    const data = new FormData(form);
    if (event.submitter?.name) data.append(event.submitter.name, event.submitter.value);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener("load", () => {
      // Followed a redirect: go there; otherwise show the page the server answered.
      if (xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener("error", () => form.submit());
    for (const b of form.querySelectorAll("button")) b.disabled = true;
    box.hidden = false;
    xhr.send(data);
  });
}
