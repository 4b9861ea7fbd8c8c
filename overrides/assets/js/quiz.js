/* Vigie quiz: progressive enhancement of the HTML written by overrides/hooks/quiz.py.
   Without this script each question lists its answers and a <details> reveals the
   right one. With it: radio buttons (or checkboxes when several answers are right)
   in a form, a "Check" button, feedback in a live region (icon and words, not colour
   alone), a score once every question is answered, and "Try again".
   Nothing is stored or sent anywhere: the state lives in the page only. */
(function () {
  "use strict";
  var result = document.querySelector(".vigie-quiz__result[data-labels]");
  var blocks = document.querySelectorAll(".vigie-quiz__q");
  if (!result || !blocks.length) return;
  var labels = JSON.parse(result.getAttribute("data-labels"));
  var questions = [];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function moveChildren(from, to) {
    while (from.firstChild) to.appendChild(from.firstChild);
  }

  /* A link inside a label would steal the tap (and could dial a number). */
  function unwrapLinks(node) {
    var links = node.querySelectorAll("a");
    for (var i = 0; i < links.length; i++) {
      var span = el("span", links[i].className);
      moveChildren(links[i], span);
      links[i].parentNode.replaceChild(span, links[i]);
    }
  }

  function verdict(ok, text) {
    var p = el("p", "vigie-quiz__verdict vigie-quiz__verdict--" + (ok ? "right" : "wrong"));
    var icon = el("span", "vigie-quiz__icon", ok ? "\u2713" : "\u2717");
    icon.setAttribute("aria-hidden", "true");
    p.appendChild(icon);
    p.appendChild(el("strong", "", text));
    return p;
  }

  function enhance(block, index) {
    var multiple = block.getAttribute("data-multiple") === "true";
    var list = block.querySelector(".vigie-quiz__answers");
    var details = block.querySelector(".vigie-quiz__reveal");
    var form = el("form", "vigie-quiz__form");
    form.noValidate = true;
    var fieldset = el("fieldset", "vigie-quiz__fieldset");
    var legend = el("legend", "vigie-quiz__legend");
    var count = block.querySelector(".vigie-quiz__count");
    var text = block.querySelector(".vigie-quiz__question");
    legend.appendChild(el("span", "vigie-quiz__count", count.textContent));
    var question = el("span", "vigie-quiz__question");
    question.id = text.id;
    moveChildren(text, question);
    legend.appendChild(question);
    count.parentNode.removeChild(count);
    text.parentNode.removeChild(text);
    fieldset.appendChild(legend);
    var hint = block.querySelector(".vigie-quiz__hint");
    if (hint) {
      fieldset.appendChild(hint);
      fieldset.setAttribute("aria-describedby", hint.id);
    }
    var answers = [];
    var items = list.querySelectorAll("li");
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var input = el("input", "vigie-quiz__input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = block.id;
      input.value = String(i + 1);
      input.id = li.id + "-input";
      var label = el("label", "vigie-quiz__label");
      label.htmlFor = input.id;
      var words = el("span", "vigie-quiz__text");
      moveChildren(li, words);
      unwrapLinks(words);
      var mark = el("span", "vigie-quiz__mark");
      label.appendChild(input);
      label.appendChild(words);
      label.appendChild(mark);
      li.appendChild(label);
      answers.push({ item: li, input: input, mark: mark, correct: li.hasAttribute("data-correct") });
    }
    fieldset.appendChild(list);
    form.appendChild(fieldset);
    var button = el("button", "vigie-quiz__check md-button", labels.check);
    button.type = "submit";
    form.appendChild(button);
    /* The live region exists, empty, before anything is announced in it. */
    var live = el("div", "vigie-quiz__feedback");
    live.setAttribute("aria-live", "polite");
    var explain = el("div", "vigie-quiz__after");
    form.appendChild(live);
    form.appendChild(explain);
    details.hidden = true;
    block.insertBefore(form, details);
    block.classList.add("vigie-quiz__q--js");
    var q = { block: block, answers: answers, button: button, live: live, explain: explain,
              details: details, done: false, right: false };
    form.addEventListener("change", function () {
      if (!q.done) q.live.textContent = "";  /* the "choose an answer first" nudge */
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (q.done) moveOn(q);
      else check(q);
    });
    return q;
  }

  function check(q) {
    var chosen = q.answers.filter(function (a) { return a.input.checked; });
    if (!chosen.length) {
      q.live.textContent = "";
      q.live.appendChild(el("p", "vigie-quiz__nudge", labels.choose_first));
      return;
    }
    q.right = q.answers.every(function (a) { return a.input.checked === a.correct; });
    q.done = true;
    q.answers.forEach(function (a) {
      a.input.disabled = true;
      if (a.correct) {
        a.item.classList.add("is-right");
        a.mark.textContent = "\u2713 " + labels.mark_right;
      } else if (a.input.checked) {
        a.item.classList.add("is-wrong");
        a.mark.textContent = "\u2717 " + labels.mark_wrong;
      }
    });
    q.live.textContent = "";
    q.live.appendChild(verdict(q.right, q.right ? labels.correct : labels.not_quite));
    q.live.appendChild(q.details.querySelector(".vigie-quiz__solution").cloneNode(true));
    var parts = q.details.querySelectorAll(".vigie-quiz__explain, .vigie-quiz__more");
    for (var i = 0; i < parts.length; i++) q.explain.appendChild(parts[i].cloneNode(true));
    updateButtons();
    if (!nextOpen(q)) showScore();
  }

  /* The first unanswered question after q (wrapping round), or null. */
  function nextOpen(q) {
    var start = questions.indexOf(q);
    for (var i = 1; i <= questions.length; i++) {
      var other = questions[(start + i) % questions.length];
      if (!other.done) return other;
    }
    return null;
  }

  /* Once answered, "Check" becomes "Next question", or "See the score" at the end:
     focus stays on the button while the live region speaks, then moves on from it. */
  function updateButtons() {
    questions.forEach(function (q) {
      q.button.textContent = !q.done ? labels.check : nextOpen(q) ? labels.next : labels.see_score;
    });
  }

  function moveOn(q) {
    var next = nextOpen(q);
    if (next) {
      next.block.scrollIntoView({ block: "start" });
      next.answers[0].input.focus({ preventScroll: true });
    } else {
      result.scrollIntoView({ block: "center" });
      result.focus({ preventScroll: true });
    }
  }

  var score = el("div", "vigie-quiz__score");
  score.setAttribute("aria-live", "polite");
  var retry = el("button", "vigie-quiz__retry md-button", labels.try_again);
  retry.type = "button";
  retry.hidden = true;
  result.tabIndex = -1;
  result.appendChild(score);
  result.appendChild(retry);

  function showScore() {
    var right = questions.filter(function (q) { return q.right; }).length;
    var total = questions.length;
    score.textContent = "";
    score.appendChild(el("strong", "vigie-quiz__total",
      labels.score.replace("{score}", right).replace("{total}", total)));
    score.appendChild(el("span", "vigie-quiz__message", right === total ? labels.score_all : labels.score_some));
    result.classList.add("is-shown");
    retry.hidden = false;
  }

  retry.addEventListener("click", function () {
    questions.forEach(function (q) {
      q.done = false;
      q.right = false;
      q.answers.forEach(function (a) {
        a.input.checked = false;
        a.input.disabled = false;
        a.item.classList.remove("is-right", "is-wrong");
        a.mark.textContent = "";
      });
      q.live.textContent = "";
      q.explain.textContent = "";
    });
    updateButtons();
    score.textContent = "";
    result.classList.remove("is-shown");
    retry.hidden = true;
    var first = questions[0].answers[0].input;
    questions[0].block.scrollIntoView({ block: "start" });
    first.focus({ preventScroll: true });
  });

  for (var i = 0; i < blocks.length; i++) questions.push(enhance(blocks[i], i));
})();
