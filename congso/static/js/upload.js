// Upload with drag and drop and a progress bar per file. Without JavaScript the form
// posts all files at once and the server answers with a summary page.
const form = document.querySelector("[data-upload-form]");
if (form) {
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector("[data-drop-zone]");
  const list = document.querySelector("[data-upload-list]");
  const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  const queue = [];
  let running = 0;

  const next = () => {
    while (running < 2 && queue.length) {
      running += 1;
      send(queue.shift()).finally(() => { running -= 1; next(); });
    }
  };

  const send = (file) => new Promise((resolve) => {
    const item = document.createElement("li");
    item.className = "upload-item";
    const name = document.createElement("span");
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    const status = document.createElement("span");
    item.append(name, bar, status);
    list.append(item);
    const body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    body.append("upload", file);
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Upload", "1");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
    });
    request.addEventListener("load", () => {
      bar.value = 100;
      if (request.status === 200) {
        item.outerHTML = request.responseText;  // server-rendered, escaped fragment
      } else {
        status.textContent = form.dataset.errorText || "Lỗi " + request.status;
      }
      resolve();
    });
    request.addEventListener("error", () => {
      status.textContent = "Lỗi mạng, hãy thử lại.";
      resolve();
    });
    request.send(body);
  });

  const accept = (files) => {
    for (const file of files) queue.push(file);
    next();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    accept(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("drop-zone--active");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.remove("drop-zone--active");
  }));
  zone.addEventListener("drop", (event) => accept(event.dataTransfer.files));
  form.querySelector("[data-drop-hint]").hidden = false;
}
