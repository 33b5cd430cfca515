// @ts-check
// The feed labels (product.md's stable names, most serious first) and what the UI calls them in
// English and Korean: one table for the in-page overlay and the popup.

/* exported riskhintLabelNames */
/** @type {Record<string, [string, string]>} */
var riskhintLabelNames = {
  'crisis-signal': ['Crisis signal', '위기 신호'],
  'possible-leak': ['Possible leak', '유출 가능성'],
  hostile: ['Hostile', '적대적'],
  'media-inquiry': ['Media inquiry', '언론 문의'],
  complaint: ['Complaint', '불만'],
  'undisclosed-promotion': ['Undisclosed promotion', '광고 미표시'],
  'brand-mention': ['Brand mention', '자사 언급'],
};
