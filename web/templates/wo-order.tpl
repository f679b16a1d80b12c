{{%AUTOESCAPE context="HTML"}}{{!-- One work order for the contractor: accept it, then report it done with a note and a photo. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/opdrachten">{{t_wo_back}}</a></p>
<h1 class="utrecht-heading-1">{{t_wo_order_title}}</h1>
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_wo_state}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{STATE}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_wo_location}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{LOCATION}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_wo_due_label}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{DUE}}</dd></div>
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_wo_instructions}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{INSTRUCTIONS}}</dd></div>
</dl>
{{#ACCEPT}}<form method="post" action="/opdrachten/{{ID}}/accepteren" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_wo_accept}}</button>
</form>
{{/ACCEPT}}{{#DONE_FORM}}<h2 class="utrecht-heading-2">{{t_wo_done_heading}}</h2>
<form method="post" action="/opdrachten/{{ID}}/gereed" enctype="multipart/form-data" class="case-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field utrecht-form-field--textarea{{#NOTE_ERROR}} utrecht-form-field--invalid{{/NOTE_ERROR}}">
<label class="utrecht-form-label" for="wo-note">{{t_wo_note}}</label>
{{#NOTE_ERROR}}<p class="utrecht-form-field-error-message" id="wo-note-error">{{t_wo_note_error}}</p>
{{/NOTE_ERROR}}<textarea class="utrecht-textarea" id="wo-note" name="note" rows="4" required{{#NOTE_ERROR}} aria-invalid="true" aria-describedby="wo-note-error"{{/NOTE_ERROR}}></textarea>
</div>
<div class="utrecht-form-field{{#PHOTO_ERROR}} utrecht-form-field--invalid{{/PHOTO_ERROR}}">
<label class="utrecht-form-label" for="wo-photo">{{t_wo_photo}}</label>
<p class="utrecht-form-field-description" id="wo-photo-hint">{{t_wo_photo_hint}}</p>
{{#PHOTO_ERROR}}<p class="utrecht-form-field-error-message" id="wo-photo-error">{{t_wo_photo_error}}</p>
{{/PHOTO_ERROR}}<input class="utrecht-textbox" type="file" id="wo-photo" name="photo" accept="image/jpeg,image/png,image/webp" required aria-describedby="wo-photo-hint{{#PHOTO_ERROR}} wo-photo-error{{/PHOTO_ERROR}}"{{#PHOTO_ERROR}} aria-invalid="true"{{/PHOTO_ERROR}}>
</div>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_wo_done_send}}</button>
</form>
{{/DONE_FORM}}{{#DONE}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{t_wo_done_on}} {{DATE}}</p></div>
<p class="utrecht-paragraph">{{NOTE}}</p>
<p class="utrecht-paragraph"><img class="wo-photo" src="{{PHOTO}}" alt="{{t_wo_photo_alt}}" width="320" height="320"></p>
{{/DONE}}
