// Follows a job: polls its status, moves the progress bar, links to the plan when done.
(function () {
  "use strict";
  const box = document.getElementById("job");
  if (!box) { return; }
  const url = box.dataset.statusUrl;
  function show(job) {
    document.getElementById("job-progress").value = job.progress;
    const status = document.getElementById("job-status");
    // Written only when it changes: the line is a live region, read out on each change.
    if (status.textContent !== job.status) { status.textContent = job.status; }
    if (job.error) {
      const error = document.getElementById("job-error");
      error.textContent = job.error;
      error.hidden = false;
    }
    if (job.plan) {
      document.getElementById("job-plan").href = job.plan;
      document.getElementById("job-result").hidden = false;
    }
    return job.status === "done" || job.status === "failed";
  }
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (answer) { return answer.json(); })
      .then(function (job) { if (!show(job)) { setTimeout(poll, 500); } })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
}());
