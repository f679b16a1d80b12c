{{%AUTOESCAPE context="HTML"}}{{!-- The case page's part on an automatic decision: its reasons and the request for a human review (AVG art. 22). --}}
<section class="auto-decision">
<h2 class="utrecht-heading-2" id="automatisch-besluit">{{t_auto_case_heading}}</h2>
<p class="utrecht-paragraph">{{t_auto_case_intro}} <strong>{{OUTCOME}}</strong></p>
<h3 class="utrecht-heading-3">{{t_auto_case_reasons}}</h3>
<ul class="utrecht-unordered-list">
{{#REASON}}<li class="utrecht-unordered-list__item">{{TEXT}}{{#VALUE}}<br><small>{{NAME}}: {{VALUE}}</small>{{/VALUE}}</li>
{{/REASON}}</ul>
{{#ASK_REVIEW}}<p class="utrecht-paragraph">{{t_auto_case_review_intro}}</p>
<form method="post" action="/mijn-zaken/{{ID}}/menselijke-beoordeling" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="utrecht-button utrecht-button--secondary-action">{{t_auto_case_review_button}}</button>
</form>
{{/ASK_REVIEW}}{{#REVIEWED}}<div class="utrecht-alert utrecht-alert--info" role="status"><p class="utrecht-paragraph">{{t_auto_case_reviewed}} <a class="utrecht-link" href="/mijn-zaken/{{REVIEW}}">{{t_auto_case_review_link}}</a></p></div>
{{/REVIEWED}}
</section>
