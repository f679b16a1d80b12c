{{%AUTOESCAPE context="HTML"}}{{!-- Neighbourhood consultations for case workers: the list and a form to open one, or one consultation with its responses and the close form. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/behandelen">{{t_bo_back_to_queue}}</a>{{#DETAIL}} · <a class="utrecht-link" href="/behandelen/raadplegingen">{{t_consult_title}}</a>{{/DETAIL}}</p>
{{#LIST}}<h1 class="utrecht-heading-1">{{t_consult_title}}</h1>
{{/LIST}}
{{#NONE}}<p class="utrecht-paragraph">{{t_consult_none}}</p>
{{/NONE}}
{{#LIST}}<ul class="utrecht-unordered-list">
{{/LIST}}{{#ITEM}}<li><a class="utrecht-link" href="/behandelen/raadplegingen/{{ID}}">{{TITLE}}</a>: {{FROM}} – {{TO}}, {{STATE}}, {{COUNT}} {{t_consult_responses_count}}</li>
{{/ITEM}}{{#LIST}}</ul>
{{/LIST}}
{{#CREATE}}<section class="bo-action" aria-labelledby="openen">
<h2 class="utrecht-heading-2" id="openen" tabindex="-1">{{t_consult_open_title}}</h2>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<form method="post" action="/behandelen/raadplegingen" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="title">{{t_consult_field_title}}</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" id="title" name="title" maxlength="200"></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="proposal">{{t_consult_field_proposal}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="proposal" name="proposal" rows="5"></textarea></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="areas">{{t_consult_field_areas}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="areas-hint">{{t_consult_field_areas_hint}}</div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" id="areas" name="areas" aria-describedby="areas-hint"></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="opensOn">{{t_consult_field_from}}</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="opensOn" name="opensOn" value="{{FROM}}"></div></div>
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="closesOn">{{t_consult_field_to}}</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" type="date" id="closesOn" name="closesOn"></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_consult_open_submit}}</button>
</form>
</section>
{{/CREATE}}
{{#DETAIL}}<h1 class="utrecht-heading-1">{{TITLE}}</h1>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_consult_period}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{FROM}} – {{TO}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_consult_field_areas}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{AREAS}}</dd></div>
</dl>
<h2 class="utrecht-heading-2">{{t_consult_field_proposal}}</h2>
<p class="utrecht-paragraph">{{PROPOSAL}}</p>
{{#SUMMARY}}<h2 class="utrecht-heading-2">{{t_consult_summary}}</h2>
<p class="utrecht-paragraph">{{TEXT}}</p>
{{/SUMMARY}}
<h2 class="utrecht-heading-2">{{t_consult_responses}} ({{COUNT}})</h2>
{{#NO_RESPONSES}}<p class="utrecht-paragraph">{{t_consult_no_responses}}</p>
{{/NO_RESPONSES}}
<ol class="bo-timeline">{{#RESPONSE}}<li><span class="bo-muted">{{WHEN}}</span><br>{{BODY}}</li>{{/RESPONSE}}</ol>
{{#CLOSE}}<section class="bo-action" aria-labelledby="sluiten">
<h2 class="utrecht-heading-2" id="sluiten" tabindex="-1">{{t_consult_close_title}}</h2>
{{#WORK_ERROR}}<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{{MESSAGE}}</p></div>
{{/WORK_ERROR}}
<form method="post" action="/behandelen/raadplegingen/{{ID}}/sluiten" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="summary">{{t_consult_summary}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="summary" name="summary" rows="5"></textarea></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_consult_close_submit}}</button>
</form>
</section>
{{/CLOSE}}
{{/DETAIL}}
