// The console's only script (the pages work without it): asks before destructive actions marked data-confirm.
"use strict";
document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
    }
});
