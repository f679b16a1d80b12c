{{%AUTOESCAPE context="HTML"}}{{!-- Consultations in the resident's neighbourhood: the list, or one proposal with the response form, their response, or the published summary. --}}
{{#LIST}}<h1 class="utrecht-heading-1">{{t_consult_resident_title}}</h1>
<p class="utrecht-paragraph">{{t_consult_resident_intro}}</p>
{{/LIST}}
{{#NONE}}<p class="utrecht-paragraph">{{t_consult_resident_none}}</p>
{{/NONE}}
{{#LIST}}<ul class="utrecht-unordered-list">
{{/LIST}}{{#ITEM}}<li><a class="utrecht-link" href="/raadplegingen/{{ID}}">{{TITLE}}</a>: {{STATE}}, {{t_consult_until}} {{TO}}</li>
{{/ITEM}}{{#LIST}}</ul>
{{/LIST}}
{{#DETAIL}}<p class="utrecht-paragraph"><a class="utrecht-link" href="/raadplegingen">{{t_consult_resident_title}}</a></p>
<h1 class="utrecht-heading-1">{{TITLE}}</h1>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_consult_period}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{FROM}} – {{TO}}</dd></div>
</dl>
<h2 class="utrecht-heading-2">{{t_consult_field_proposal}}</h2>
<p class="utrecht-paragraph">{{PROPOSAL}}</p>
{{#SUMMARY}}<h2 class="utrecht-heading-2">{{t_consult_summary}}</h2>
<p class="utrecht-paragraph">{{TEXT}}</p>
{{/SUMMARY}}
{{#MINE}}<h2 class="utrecht-heading-2">{{t_consult_your_response}}</h2>
<p class="utrecht-paragraph">{{BODY}}</p>
{{/MINE}}
{{#RESPOND}}<section aria-labelledby="reageren">
<h2 class="utrecht-heading-2" id="reageren" tabindex="-1">{{t_consult_respond_title}}</h2>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<form method="post" action="/raadplegingen/{{ID}}/reactie" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="body">{{t_consult_respond_body}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="body-hint">{{t_consult_respond_hint}}</div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="body" name="body" rows="5" maxlength="10000" aria-describedby="body-hint"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_consult_respond_submit}}</button>
</form>
</section>
{{/RESPOND}}
{{/DETAIL}}
