{{%AUTOESCAPE context="HTML"}}{{!-- A complaint about how a case was handled: what happened, what the resident wishes, how to reach them. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn-zaken/{{CASE}}">{{t_objection_back}}</a></p>
<h1 class="utrecht-heading-1">{{t_complaint_title}}</h1>
<p class="utrecht-paragraph">{{t_complaint_about}} {{PRODUCT}} {{REFERENCE}}</p>
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li>{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<form method="post" action="/mijn-zaken/{{CASE}}/klacht" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_what}} utrecht-form-field--invalid{{/INVALID_what}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="what">{{t_complaint_what}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="what" name="what" rows="6" maxlength="4000"{{#INVALID_what}} aria-invalid="true"{{/INVALID_what}}>{{WHAT}}</textarea></div></div>
<div class="utrecht-form-field{{#INVALID_wish}} utrecht-form-field--invalid{{/INVALID_wish}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="wish">{{t_complaint_wish}}</label></div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="wish" name="wish" rows="3" maxlength="2000"{{#INVALID_wish}} aria-invalid="true"{{/INVALID_wish}}>{{WISH}}</textarea></div></div>
<div class="utrecht-form-field{{#INVALID_email}} utrecht-form-field--invalid{{/INVALID_email}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="email">{{t_objection_email}}</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="email" name="email" autocomplete="email" value="{{EMAIL}}"{{#INVALID_email}} aria-invalid="true"{{/INVALID_email}}></div></div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_complaint_submit}}</button>
</form>
